import { useEffect, useRef } from 'react';
import { formatClock } from '../../core/util/clock.ts';
import type { SimClient } from '../simClient.ts';

/** The simulated time of day, written straight into the DOM every animation frame (no React renders). */
export function Clock({ client }: { client: SimClient }) {
  const el = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let raf = 0;
    let shown = NaN;
    const loop = () => {
      const second = Math.floor(client.displayT);
      // Touch the DOM only when the shown second changes (a paused clock costs nothing).
      if (el.current && second !== shown) {
        shown = second;
        el.current.textContent = formatClock(second, true);
      }
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [client]);
  return <span ref={el} className="clock" data-testid="clock" />;
}
