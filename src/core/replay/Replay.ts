import type { Dispatcher } from '../sim/Decision.ts';
import { Simulation } from '../sim/Simulation.ts';
import type { World } from '../sim/World.ts';
import { KpiSeries } from './KpiSeries.ts';
import type { ChargingTrace } from './ChargingTrace.ts';
import type { Timeline } from './Timeline.ts';
import { TimelineRecorder } from './TimelineRecorder.ts';

/** How often the KPIs, stock and charger queues are sampled, simulated seconds. */
export const KPI_STEP_S = 60;

/**
 * A simulation run that records itself as it goes: the engine runs ahead of what is shown, in
 * steps of one KPI sample, and the view reads any recorded moment from the timeline. Recording is
 * an observer: the run is the same, bit for bit, as an unobserved one.
 */
export class Replay {
  readonly sim: Simulation;
  readonly timeline: Timeline;
  readonly kpis: KpiSeries;
  readonly charging: ChargingTrace;
  private readonly recorder: TimelineRecorder;

  constructor(world: World, seed: number, dispatcher: Dispatcher, stepS = KPI_STEP_S) {
    this.recorder = new TimelineRecorder();
    this.sim = new Simulation(world, { seed, dispatcher, observer: this.recorder });
    this.timeline = this.recorder.bind(this.sim.state);
    this.charging = this.recorder.charging!;
    this.kpis = new KpiSeries(this.sim.now, stepS, world.city.facilities.length);
  }

  get done(): boolean {
    return this.sim.finished;
  }

  /** Run the engine to the next sample time and record the sample. */
  step(): void {
    const sim = this.sim;
    if (sim.finished) return;
    sim.runUntil(this.kpis.nextS);
    this.kpis.record(sim.state, sim.finished);
    this.recorder.sync();
  }

  /** Make sure everything up to t is recorded (or the run is over). */
  ensure(t: number): void {
    while (!this.sim.finished && this.timeline.horizonS < t) this.step();
  }

  runToEnd(): void {
    while (!this.sim.finished) this.step();
  }
}
