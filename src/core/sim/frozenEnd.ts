import type { Step } from './Plan.ts';
import type { FrozenEnd, SimView } from './SimView.ts';
import { expectedServiceS } from './World.ts';

/**
 * Where van v's current plan leaves it: the frozen prefix of a re-plan is every step not yet
 * finished (the stop it is driving to, the parcels aboard and their hand-overs), so a tail starts
 * at the end of it. The time is a planning estimate: fastest-path drive times, expected service at
 * doors (not before the window opens), loading times, and charging at the site's full power.
 */
export function frozenEnd(view: SimView, v: number, steps: readonly Step[] = view.fleet.remainingPlan(v)): FrozenEnd {
  const { world, fleet } = view;
  const { city, parcels: P, params } = world;
  let node = fleet.node[v];
  let t = view.now;
  let soc = fleet.socWh[v];
  const cargo = new Set(fleet.cargo[v]);
  const driving = steps.length > 0 && steps[0].kind === 'drive' && fleet.facility[v] < 0;
  if (driving) {
    // Mid-leg: the van reaches the leg's end at its scheduled time.
    const ends = fleet.legEndMs[v];
    t = fleet.legStartS[v] + (ends.length ? ends[ends.length - 1] / 1000 : 0);
  }
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    switch (s.kind) {
      case 'drive':
        if (!(i === 0 && driving)) t += world.costs.timeMs(node, s.to) / 1000;
        node = s.to;
        break;
      case 'load':
        t += params.loading.baseS + params.loading.perParcelS * s.parcels.length;
        for (const p of s.parcels) cargo.add(p);
        break;
      case 'unload':
        t += params.loading.baseS + params.loading.perParcelS * cargo.size;
        cargo.clear();
        break;
      case 'handover':
        t = Math.max(t, P.windowStartS[s.parcels[0]]) + expectedServiceS(world, s.parcels.length);
        for (const p of s.parcels) cargo.delete(p);
        break;
      case 'charge': {
        const f = city.facilities[s.facility];
        const kw = Math.max(1e-3, Math.min(f.chargerKW, params.van.maxChargeKW));
        t += Math.max(0, s.targetWh - soc) / (kw * 1000) * 3600;
        soc = Math.max(soc, s.targetWh);
        break;
      }
    }
  }
  return { node, facility: view.world.city.facilities.findIndex((f) => f.node === node), cargo: [...cargo], atS: t };
}
