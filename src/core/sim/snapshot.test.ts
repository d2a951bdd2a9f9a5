import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { Simulation } from './Simulation.ts';
import { sampleVans, VAN_STRIDE } from './snapshot.ts';
import { isMoving } from './VanStatus.ts';

describe('sampleVans', () => {
  it('puts moving vans on the segment they drive, and they move between samples', () => {
    const run = prepareRun(loadScenarioFile('scenarios/small.json'));
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    const g = run.world.city.graph;
    const out = new Float32Array(sim.state.fleet.size * VAN_STRIDE);
    const prev = new Float32Array(out.length);
    let moved = 0;
    let checked = 0;
    for (let t = run.world.params.dayStartS + 60; t < run.world.params.dayStartS + 4 * 3600; t += 37) {
      sim.runUntil(t);
      prev.set(out);
      sampleVans(sim.state, t, out);
      for (let v = 0; v < sim.state.fleet.size; v++) {
        const o = v * VAN_STRIDE;
        if (!isMoving(out[o + 3])) continue;
        // On some edge of the current leg: distance to that segment ~ 0.
        let best = Infinity;
        for (const e of sim.state.fleet.legEdges[v]) {
          const ax = g.x(g.source[e]);
          const ay = g.y(g.source[e]);
          const bx = g.x(g.target[e]);
          const by = g.y(g.target[e]);
          const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
          const s = Math.max(0, Math.min(1, ((out[o] - ax) * (bx - ax) + (out[o + 1] - ay) * (by - ay)) / l2));
          best = Math.min(best, Math.hypot(out[o] - ax - s * (bx - ax), out[o + 1] - ay - s * (by - ay)));
        }
        expect(best).toBeLessThan(0.01);
        checked++;
        if (Math.hypot(out[o] - prev[o], out[o + 1] - prev[o + 1]) > 1) moved++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(moved).toBeGreaterThan(10);
  });
});
