import { Component, type ReactNode } from 'react';

interface Props {
  readonly children: ReactNode;
  /** Shown instead of the 3D view after a failure; the rest of the app keeps working. */
  readonly fallback: (error: string, retry: () => void) => ReactNode;
}

/**
 * Catches anything the 3D view throws (a shader that does not compile, a lost WebGL context, a
 * driver refusing a buffer) so the panels, the clock and the KPIs keep running without it.
 */
export class ViewErrorBoundary extends Component<Props, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(e: unknown): { error: string } {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override componentDidCatch(e: unknown): void {
    console.warn('vanfleet: the 3D view failed', e);
  }

  override render(): ReactNode {
    if (this.state.error !== null) return this.props.fallback(this.state.error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
