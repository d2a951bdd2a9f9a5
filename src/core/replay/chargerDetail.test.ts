import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { chargerDetail } from './chargerDetail.ts';
import { Replay } from './Replay.ts';

const sc = loadScenarioFile('scenarios/charging-tight.json');

describe.each(['threshold', 'scheduled'])('chargerDetail (a charger site at any recorded moment), %s charging', (policy) => {
  const run = prepareRun(sc, { charging: policy });
  const replay = new Replay(run.world, run.seed, run.createDispatcher());
  replay.runToEnd();
  const { timeline: tl, charging: trace, sim } = replay;
  const facilities = run.world.city.facilities;
  const ids = sim.state.fleet.ids;
  const detail = (f: number, t: number) => chargerDetail(tl, trace, facilities[f], f, run.world.params.charging.tariffs[f], run.world.batteryWh, ids, t);
  const sites = facilities.map((_, f) => f).filter((f) => facilities[f].chargerPorts > 0);

  it('ends the day with the engine own energy, cost and peak per site', () => {
    for (const f of sites) {
      const d = detail(f, tl.endS);
      expect(d.energyKWh).toBeCloseTo(sim.state.chargers.energyWh[f] / 1000, 6);
      expect(d.cost).toBeCloseTo(sim.state.chargers.cost[f], 6);
      expect(d.peakKW).toBeCloseTo(sim.state.chargers.peakKW[f], 9);
    }
  });

  it('agrees with the van poses and stays within the ports and the limit at every hour', () => {
    let seen = 0;
    for (let t = tl.startS; t <= tl.endS; t += 600) {
      for (const f of sites) {
        const d = detail(f, t);
        const fac = facilities[f];
        expect(d.charging.length).toBeLessThanOrEqual(fac.chargerPorts);
        expect(d.drawKW).toBeLessThanOrEqual(fac.chargerLimitKW + 1e-6);
        expect(d.drawT[d.drawT.length - 1]).toBe(t);
        let kw = 0;
        for (const v of d.charging) {
          expect(v.soc).toBeGreaterThanOrEqual(0);
          expect(v.soc).toBeLessThanOrEqual(1);
          expect(v.kW).toBeLessThanOrEqual(fac.chargerKW + 1e-6);
          kw += v.kW;
        }
        // The vans' draws (tapered at t) never exceed the site's logged draw by more than rounding.
        expect(kw).toBeLessThanOrEqual(d.drawKW + 1e-3);
        for (const q of d.queue) expect(q.waitedS).toBeGreaterThanOrEqual(0);
        seen += d.charging.length + d.queue.length;
        // Energy and cost only grow.
        if (t > tl.startS) {
          const before = detail(f, t - 600);
          expect(d.energyKWh).toBeGreaterThanOrEqual(before.energyKWh - 1e-9);
          expect(d.cost).toBeGreaterThanOrEqual(before.cost - 1e-9);
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('reads a charging van state of charge between its recorded start and end', () => {
    let checked = 0;
    for (let v = 0; v < tl.vanCount && checked < 20; v++) {
      const st = tl.status[v];
      for (let i = 0; i + 7 < st.length && checked < 20; i += 7) {
        if (st[i + 1] !== VanStatus.Charging) continue;
        const t0 = st[i];
        const t1 = st[i + 7];
        if (t1 - t0 < 120) continue;
        const f = facilities.findIndex((x) => x.node === st[i + 5]);
        const mid = detail(f, (t0 + t1) / 2).charging.find((c) => c.id === ids[v]);
        expect(mid).toBeDefined();
        const b = run.world.batteryWh;
        expect(mid!.soc).toBeGreaterThanOrEqual(st[i + 2] / b - 1e-9);
        expect(mid!.soc).toBeLessThanOrEqual(st[i + 9] / b + 0.02);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
