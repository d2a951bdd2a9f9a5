import { useEffect } from 'react';
import type { SimClient } from './simClient.ts';

/** Drives the simulated clock when there is no 3D view (no WebGL, or it failed): KPIs and charts keep moving. */
export function ClockDriver({ client }: { client: SimClient }) {
  useEffect(() => {
    let raf = 0;
    let last = performance.now();
    const loop = (now: number) => {
      client.tick((now - last) / 1000);
      last = now;
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [client]);
  return null;
}
