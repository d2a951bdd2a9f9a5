import { useCallback, useEffect, useRef } from 'react';
import { usePoll } from './usePoll.ts';
import { formatClock } from '../../core/util/clock.ts';
import type { SimClient } from '../simClient.ts';

/** Extra time shown after the end of the day until the run's real end is known (vans may work overtime). */
const OVERTIME_GUESS_S = 3600;

/**
 * Scrub the day: a slider over the whole run whose thumb follows the displayed time (written into
 * the DOM every animation frame, no React renders) and whose track shows how far the run is
 * recorded. Dragging seeks; because the run is recorded, any moment shows at once.
 */
export function TimelineBar({ client, runId }: { client: SimClient; runId: number }) {
  const input = useRef<HTMLInputElement>(null);
  const dragging = useRef(false);
  const start = client.dayStartS;
  // The run's end becomes known once (when it is recorded that far): a discrete change, polled.
  const end = usePoll(useCallback(() => (Number.isNaN(client.endS) ? client.dayEndS + OVERTIME_GUESS_S : Math.max(client.endS, start + 60)), [client, start]), 1000);
  const hours: number[] = [];
  for (let h = Math.ceil(start / 3600); h * 3600 <= end; h += end - start > 10 * 3600 ? 2 : 1) hours.push(h);

  useEffect(() => {
    let raf = 0;
    let last = 0;
    let shownT = NaN;
    const loop = (now: number) => {
      const el = input.current;
      if (el) {
        const t = Math.round(client.displayT);
        if (!dragging.current && t !== shownT) {
          shownT = t;
          el.value = String(t);
        }
        if (now - last > 250) {
          last = now;
          const rec = Math.max(0, Math.min(1, (client.horizonS - start) / (end - start)));
          el.style.setProperty('--recorded', `${(rec * 100).toFixed(1)}%`);
        }
      }
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(raf);
  }, [client, start, end, runId]);

  return (
    <div className="timeline" data-testid="timeline">
      <input
        ref={input}
        type="range"
        min={start}
        max={end}
        step={1}
        defaultValue={start}
        aria-label="Time of day"
        data-testid="timeline-slider"
        onPointerDown={() => (dragging.current = true)}
        onPointerUp={() => (dragging.current = false)}
        onInput={(e) => client.seek(Number((e.target as HTMLInputElement).value))}
      />
      <div className="ticks" aria-hidden>
        {hours.map((h) => (
          <span key={h} style={{ left: `${((h * 3600 - start) / (end - start)) * 100}%` }}>
            {formatClock(h * 3600)}
          </span>
        ))}
      </div>
    </div>
  );
}
