import type { Decision } from '../sim/Decision.ts';
import type { SimObserver } from '../sim/SimObserver.ts';
import type { SimView } from '../sim/SimView.ts';
import { isMoving, type VanStatus } from '../sim/VanStatus.ts';
import { ChargingTrace } from './ChargingTrace.ts';
import { Outcome, STATUS_STRIDE, Timeline } from './Timeline.ts';

/**
 * Records a run into a Timeline through the engine's observer hooks. The engine calls the hooks
 * synchronously, after it has updated the van (a status change follows the energy, load and node
 * updates of the step that ended), so reading the fleet's arrays here gives the state at that
 * instant. Create the recorder, pass it as `observer`, then `bind` the simulation.
 */
export class TimelineRecorder implements SimObserver {
  private sim: SimView | null = null;
  timeline: Timeline | null = null;
  /** Charger draw, allocations and settled energy and cost over the run (the charger panel). */
  charging: ChargingTrace | null = null;

  /** Attach to the simulation this recorder observes (before it runs). */
  bind(sim: SimView): Timeline {
    this.sim = sim;
    const f = sim.fleet;
    this.timeline = new Timeline(f.size, sim.now, f.node, f.socWh);
    this.charging = new ChargingTrace(sim.chargers.ports.length, f.size);
    return this.timeline;
  }

  decision(van: number, t: number, d: Decision): void {
    const tl = this.timeline;
    tl?.addDecision(van, { t, kind: d.kind, reason: d.reason, plan: d.plan, firstStatus: tl.status[van].length / STATUS_STRIDE });
  }

  status(van: number, t: number, status: VanStatus): void {
    const sim = this.sim;
    const tl = this.timeline;
    if (!sim || !tl) return;
    const f = sim.fleet;
    const where = isMoving(status) ? tl.nextLeg(van) : f.node[van];
    tl.addStatus(van, t, status, f.socWh[van], f.loadKg[van], f.volumeM3[van], where, sim.heading[van]);
    this.charging?.observe(sim);
  }

  leg(van: number, t: number, edges: readonly number[], endsMs: readonly number[]): void {
    const sim = this.sim;
    if (!sim || !this.timeline) return;
    this.timeline.addLeg(van, t, sim.fleet.status[van], edges, endsMs);
  }

  handover(van: number, t: number, parcels: readonly number[], delivered: boolean): void {
    const sim = this.sim;
    if (!sim || !this.timeline || parcels.length === 0) return;
    const P = sim.world.parcels;
    let outcome: number = Outcome.Failed;
    if (delivered) {
      outcome = Outcome.OnTime;
      for (const p of parcels) if (t > P.windowEndS[p]) outcome = Outcome.Late;
    }
    this.timeline.addHandover(van, t, P.door[parcels[0]], outcome, parcels.length);
  }

  /** Everything up to the simulation's clock is now recorded. */
  sync(): void {
    const sim = this.sim;
    const tl = this.timeline;
    if (!sim || !tl) return;
    tl.horizonS = sim.now;
    if (sim.finished && !tl.finished) {
      tl.endS = sim.now;
      this.charging?.finish(sim);
    } else this.charging?.observe(sim);
  }
}
