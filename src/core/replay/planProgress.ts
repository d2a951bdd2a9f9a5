import type { Step } from '../sim/Plan.ts';
import { VanStatus, isMoving } from '../sim/VanStatus.ts';
import { STATUS_STRIDE, S_STATUS, S_T, S_WHERE, type DecisionRecord, type Timeline } from './Timeline.ts';

/** When each step of a plan started, matched against the van's recorded status events. */
export interface StepTimes {
  /** Start time of each step; NaN if not reached within the recorded horizon (or cancelled). */
  readonly startS: Float64Array;
  /** Leg driven by each drive step, or -1. */
  readonly leg: Int32Array;
  /** True if the plan was abandoned before `reached` steps (an interrupted top-up charge). */
  readonly cancelled: boolean;
  /** Number of steps that started. */
  readonly reached: number;
}

/** The status a step sets when it starts, or -1 for a drive (whose status is any driving one). */
function expectedStatus(s: Step): number {
  switch (s.kind) {
    case 'load':
    case 'unload':
      return VanStatus.Loading;
    case 'handover':
      return VanStatus.AtDoor;
    case 'charge':
      return VanStatus.Charging;
    default:
      return -1;
  }
}

/**
 * Walk a decision's plan alongside the status events that followed it: each step sets a status
 * when it starts (a drive a driving one; a charge Charging, or WaitingCharger then Charging), and
 * a drive to where the van already is sets none. Gives each step's start time — past steps'
 * actual times, and future ones' too when the run is recorded ahead (exact ETAs, not guesses).
 */
export function planProgress(tl: Timeline, v: number, d: DecisionRecord): StepTimes {
  const st = tl.status[v];
  const n = st.length / STATUS_STRIDE;
  const plan = d.plan;
  const startS = new Float64Array(plan.length).fill(NaN);
  const leg = new Int32Array(plan.length).fill(-1);
  let i = d.firstStatus;
  let k = 0;
  let cancelled = false;
  for (; k < plan.length && i < n; k++) {
    const s = plan[k];
    const status = st[i * STATUS_STRIDE + S_STATUS];
    const t = st[i * STATUS_STRIDE + S_T];
    if (s.kind === 'drive') {
      startS[k] = t;
      if (isMoving(status)) {
        leg[k] = st[i * STATUS_STRIDE + S_WHERE];
        i++;
      }
      continue;
    }
    const want = expectedStatus(s);
    const ok = status === want || (s.kind === 'charge' && status === VanStatus.WaitingCharger);
    if (!ok) {
      cancelled = true;
      break;
    }
    startS[k] = t;
    i++;
    if (s.kind === 'charge' && status === VanStatus.WaitingCharger && i < n && st[i * STATUS_STRIDE + S_STATUS] === VanStatus.Charging) i++;
  }
  return { startS, leg, cancelled, reached: k };
}
