import { useEffect, useRef } from 'react';
import { view } from '../scene/viewRegistry.ts';

/** Frame rate, frame and script time, draw calls, triangles and vans drawn: written into the DOM twice a second. */
export function PerfPanel() {
  const el = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const id = setInterval(() => {
      const s = view.stats;
      const mem = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      if (el.current)
        el.current.textContent =
          `${s.fps.toFixed(0).padStart(3)} fps   frame ${s.frameMs.toFixed(1)} ms\n` +
          `script ${s.scriptMs.toFixed(2)} ms  (render ${s.renderMs.toFixed(2)} ms)\n` +
          `draw calls ${s.calls}   triangles ${(s.triangles / 1000).toFixed(0)}k\n` +
          `vans drawn ${s.vans}${mem ? `   heap ${(mem.usedJSHeapSize / 1e6).toFixed(1)} MB` : ''}`;
    }, 500);
    return () => clearInterval(id);
  }, []);
  return <pre className="panel perf" ref={el} data-testid="perf" />;
}
