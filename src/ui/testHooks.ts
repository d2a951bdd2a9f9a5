import type { ScenarioInfo } from '../../workers/simApi.ts';
import type { SimClient } from './simClient.ts';

export interface VanfleetHooks {
  /** Current simulated time, KPIs and van positions (copied). */
  state(): { t: number; finished: boolean; kpis: unknown; vans: number[]; info: ScenarioInfo | null; problems: string[] };
  /** Load scenario JSON text as if a file named `name` had been opened. */
  loadText(text: string, name: string): Promise<void>;
  setSpeed(speed: number): void;
}

declare global {
  interface Window {
    __vanfleet?: VanfleetHooks;
  }
}

/** A small, stable surface for the browser tests (and for people poking at the app from the console). */
export function exposeTestHooks(
  client: SimClient,
  app: () => { info: ScenarioInfo | null; problems: string[]; loadText(text: string, source: string, key: string): Promise<void> },
): () => void {
  window.__vanfleet = {
    state: () => ({
      t: client.cur?.t ?? client.targetT,
      finished: client.cur?.finished ?? false,
      kpis: client.cur?.kpis ?? null,
      vans: client.cur ? Array.from(client.cur.vans) : [],
      info: app().info,
      problems: app().problems,
    }),
    loadText: (text, name) => app().loadText(text, name, name),
    setSpeed: (s) => {
      client.speed = s;
    },
  };
  return () => {
    delete window.__vanfleet;
  };
}
