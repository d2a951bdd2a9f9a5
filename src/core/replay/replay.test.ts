import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { Simulation } from '../sim/Simulation.ts';
import { buildReport } from '../sim/report.ts';
import { computeKpis } from '../sim/kpi.ts';
import { sampleVans, VAN_STRIDE } from '../sim/snapshot.ts';
import { VanStatus, isMoving } from '../sim/VanStatus.ts';
import { Rng } from '../util/rng.ts';
import { KPI_KEYS, ROW_KPIS } from './KpiSeries.ts';
import { planProgress } from './planProgress.ts';
import { Replay } from './Replay.ts';
import { FRAME_VAN_STRIDE, newPose, sampleVansAt, TRAIL_STRIDE, writeTrails } from './sampleTimeline.ts';
import { syntheticTimeline } from './syntheticTimeline.ts';
import { vanDetail } from './vanDetail.ts';
import { facilityDetail } from './facilityDetail.ts';

const sc = loadScenarioFile('scenarios/small.json');

function recorded() {
  const run = prepareRun(sc);
  const replay = new Replay(run.world, run.seed, run.createDispatcher());
  replay.runToEnd();
  return { run, replay };
}

describe('Replay (a run recorded through the observer hooks)', () => {
  const { run, replay } = recorded();
  const tl = replay.timeline;
  const g = run.world.city.graph;

  it('is the same run as an unobserved one, and its last KPI sample is the final KPIs', () => {
    const direct = runScenario(sc);
    expect(JSON.stringify(buildReport(replay.sim, sc.name, 0))).toBe(JSON.stringify(direct.report));
    expect(tl.finished).toBe(true);
    expect(tl.endS).toBe(direct.sim.now);
    const k = computeKpis(direct.sim.state, true);
    const last = replay.kpis.count - 1;
    KPI_KEYS.forEach((key, i) => expect(replay.kpis.get(last, ROW_KPIS + i)).toBe(k[key]));
  });

  it('puts every van where the live engine has it, at any moment, in any order', () => {
    const live = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    const want = new Float32Array(live.state.fleet.size * VAN_STRIDE);
    const got = new Float32Array(live.state.fleet.size * FRAME_VAN_STRIDE);
    const pose = newPose();
    const times: number[] = [];
    for (let t = run.world.params.dayStartS + 5; t < tl.endS; t += 613) times.push(t);
    for (const t of times) {
      live.runUntil(t);
      sampleVans(live.state, t, want);
      sampleVansAt(tl, g, t, got, null, null, pose);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
    // Scrubbing backwards is a lookup too.
    const t = times[3];
    sampleVansAt(tl, g, t, got, null, null, pose);
    sampleVansAt(tl, g, times[1], new Float32Array(got.length), null, null, pose);
    const again = new Float32Array(got.length);
    sampleVansAt(tl, g, t, again, null, null, pose);
    expect(Array.from(again)).toEqual(Array.from(got));
  });

  it('draws trails on the road just driven, inside the time window', () => {
    const out = new Float32Array(4000 * TRAIL_STRIDE);
    let total = 0;
    for (let t = run.world.params.dayStartS + 1800; t < run.world.params.dayStartS + 6 * 3600; t += 900) {
      const n = writeTrails(tl, g, t, 180, out, 4000, 50);
      total += n;
      for (let s = 0; s < n; s++) {
        const o = s * TRAIL_STRIDE;
        expect(out[o + 2]).toBeGreaterThanOrEqual(-180 - 1e-3);
        expect(out[o + 6]).toBeLessThanOrEqual(1e-3);
        expect(out[o + 6]).toBeGreaterThanOrEqual(out[o + 2]);
        expect(isMoving(out[o + 3])).toBe(true);
        const len = Math.hypot(out[o + 4] - out[o], out[o + 5] - out[o + 1]);
        expect(len).toBeLessThan(2000);
      }
    }
    expect(total).toBeGreaterThan(20);
  });

  it('matches each tour stop to its recorded arrival, in plan order, with the outcome', () => {
    let tours = 0;
    for (let v = 0; v < tl.vanCount; v++) {
      for (const d of tl.decisions[v]) {
        if (d.kind !== 'tour') continue;
        tours++;
        const p = planProgress(tl, v, d);
        expect(p.cancelled).toBe(false);
        expect(p.reached).toBe(d.plan.length);
        for (let k = 1; k < p.startS.length; k++) expect(p.startS[k]).toBeGreaterThanOrEqual(p.startS[k - 1]);
        const mid = p.startS[Math.floor(p.startS.length / 2)];
        const det = vanDetail(tl, run.world, run.world.city.facilities.map((_, i) => `V${i}`), v, mid);
        expect(det.decision?.kind).toBe('tour');
        const handovers = det.stops.filter((s) => s.kind === 'handover');
        expect(handovers.length).toBeGreaterThan(0);
        for (const s of handovers) if (s.atS < mid) expect(s.outcome).toBeDefined();
        expect(det.socWh).toBeGreaterThan(0);
        expect(det.socWh).toBeLessThanOrEqual(det.batteryWh);
        expect(det.loadKg).toBeLessThanOrEqual(det.payloadKg);
        expect(det.route.length % TRAIL_STRIDE).toBe(0);
      }
    }
    expect(tours).toBeGreaterThan(5);
  });

  it('reports who charges and who queues at a facility', () => {
    let seen = 0;
    const ids = Array.from({ length: tl.vanCount }, (_, v) => `V${v}`);
    for (let t = run.world.params.dayStartS; t < tl.endS; t += 300) {
      for (let f = 0; f < run.world.city.facilities.length; f++) {
        const d = facilityDetail(tl, run.world.city, replay.kpis, ids, f, t);
        expect(d.charging.length).toBeLessThanOrEqual(d.ports);
        if (d.queue.length > 0) expect(d.charging.length).toBe(d.ports);
        seen += d.charging.length;
        expect(d.utilisation).toBeGreaterThanOrEqual(0);
        expect(d.utilisation).toBeLessThanOrEqual(1);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });
});

describe('syntheticTimeline', () => {
  it('keeps a big fleet on the road network for the whole window', () => {
    const { run } = { run: prepareRun(sc) };
    const g = run.world.city.graph;
    const tl = syntheticTimeline(g, 500, 36000, 1800, new Rng(3));
    const out = new Float32Array(500 * FRAME_VAN_STRIDE);
    const counts = new Float64Array(9);
    sampleVansAt(tl, g, 36900, out, counts, null, newPose());
    expect(counts[VanStatus.Delivering] + counts[VanStatus.LineHaul]).toBeGreaterThan(200);
    for (let i = 0; i < out.length; i += FRAME_VAN_STRIDE) expect(Number.isFinite(out[i]) && Number.isFinite(out[i + 1])).toBe(true);
  });
});
