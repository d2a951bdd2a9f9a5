import { VanStatus } from '../sim/VanStatus.ts';
import { TimelineRecorder } from './TimelineRecorder.ts';

/** Stop attempts: [van, parcel, arrivalS, doneS, delivered (1/0)], one record per parcel per attempt. */
export const ATTEMPT_STRIDE = 5;
export const A_VAN = 0;
export const A_PARCEL = 1;
export const A_ARRIVAL = 2;
export const A_DONE = 3;
export const A_DELIVERED = 4;

/**
 * A TimelineRecorder that also keeps every curbside attempt parcel by parcel (the timeline keeps
 * one record per door visit, without parcel ids): what the stop export needs. The van's arrival at
 * a door is its switch to "at door"; the attempt ends at the hand-over hook. An observer like its
 * parent, so the run is the same, bit for bit, as an unobserved one.
 */
export class ExportRecorder extends TimelineRecorder {
  readonly attempts: number[] = [];
  private readonly arrivedS: number[] = [];

  override status(van: number, t: number, status: VanStatus): void {
    super.status(van, t, status);
    if (status === VanStatus.AtDoor) this.arrivedS[van] = t;
  }

  override handover(van: number, t: number, parcels: readonly number[], delivered: boolean): void {
    super.handover(van, t, parcels, delivered);
    const arrived = this.arrivedS[van] ?? t;
    for (const p of parcels) this.attempts.push(van, p, arrived, t, delivered ? 1 : 0);
  }
}
