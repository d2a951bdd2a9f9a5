import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from './urlState.ts';

describe('URL state', () => {
  it('round-trips the moment, the view and the modes', () => {
    const q = 'scenario=small&seed=4&strategy=nearest&charging=scheduled&t=10:32:05&speed=300&paused=1&cam=100.5,800,-200,50,-1000.2&sel=V03&follow=1&ov=states,late&trails=selected&shadows=0&perf=1';
    const s = parseUrlState(`?${q}`);
    expect(s.t).toBe(10 * 3600 + 32 * 60 + 5);
    expect(s.cam).toEqual({ x: 100.5, y: 800, z: -200, tx: 50, tz: -1000.2 });
    expect(s.overlays).toEqual({ states: true, heatmap: false, late: true, chargers: false });
    expect(formatUrlState(s)).toBe(q);
  });

  it('has defaults for a bare link and ignores junk', () => {
    const s = parseUrlState('?t=banana&cam=1,2&speed=');
    expect(s.t).toBeUndefined();
    expect(s.cam).toBeUndefined();
    expect(s.speed).toBeUndefined();
    expect(s.overlays.states).toBe(true);
    expect(formatUrlState(parseUrlState(''))).toBe('');
  });
});
