/**
 * KPIs over the day, hour by hour (or any bucket), from a recorded run's timeline: parcels handed
 * over, of them on time, failed attempts (no-shows), and the mean number of vans working
 * (loading, line-haul, delivering, at a door, returning — the statuses utilisation counts) and
 * charging (driving to, waiting for or at a charger) over each bucket. Buckets start on a whole
 * multiple of the bucket length (clock hours), so runs of the same day line up for averaging.
 */
import { VanStatus, isProductive } from '../sim/VanStatus.ts';
import { HANDOVER_STRIDE, Outcome, S_STATUS, S_T, STATUS_STRIDE, type Timeline } from './Timeline.ts';

export interface DayProfile {
  /** Start of the first bucket, seconds after midnight. */
  readonly startS: number;
  readonly bucketS: number;
  /** Parcels collected by their customer in each bucket (on time or late). */
  readonly delivered: number[];
  /** Of those, collected inside their window. */
  readonly onTime: number[];
  /** Parcels attempted and not collected (no-show) in each bucket. */
  readonly failedAttempts: number[];
  /** Mean number of vans working over the bucket (time-weighted). */
  readonly busyVans: number[];
  /** Mean number of vans driving to, waiting for or at a charger. */
  readonly chargingVans: number[];
}

const isCharging = (s: number) => s === VanStatus.ToCharger || s === VanStatus.WaitingCharger || s === VanStatus.Charging;

/** Add the overlap of [a, b) with every bucket to `into`, divided by the bucket length. */
function spread(into: number[], startS: number, bucketS: number, a: number, b: number): void {
  if (b <= a) return;
  let i = Math.max(0, Math.floor((a - startS) / bucketS));
  for (; i < into.length; i++) {
    const lo = startS + i * bucketS;
    const hi = lo + bucketS;
    if (lo >= b) break;
    const overlap = Math.min(b, hi) - Math.max(a, lo);
    if (overlap > 0) into[i] += overlap / bucketS;
  }
}

/**
 * The profile of a run from `fromS` to `untilS` (typically the day's start and the run's end).
 * A van is idle until its first recorded status; its last status lasts until `untilS`.
 */
export function dayProfile(tl: Timeline, fromS: number, untilS: number, bucketS = 3600): DayProfile {
  const startS = Math.floor(fromS / bucketS) * bucketS;
  const n = Math.max(1, Math.ceil((untilS - startS) / bucketS));
  const zeros = () => new Array<number>(n).fill(0);
  const p = { startS, bucketS, delivered: zeros(), onTime: zeros(), failedAttempts: zeros(), busyVans: zeros(), chargingVans: zeros() };
  const bucketOf = (t: number) => Math.min(n - 1, Math.max(0, Math.floor((t - startS) / bucketS)));
  for (let v = 0; v < tl.vanCount; v++) {
    const hv = tl.handovers[v];
    for (let i = 0; i < hv.length; i += HANDOVER_STRIDE) {
      const b = bucketOf(hv[i]);
      const outcome = hv[i + 2];
      const parcels = hv[i + 3];
      if (outcome === Outcome.Failed) p.failedAttempts[b] += parcels;
      else {
        p.delivered[b] += parcels;
        if (outcome === Outcome.OnTime) p.onTime[b] += parcels;
      }
    }
    const st = tl.status[v];
    for (let i = 0; i < st.length; i += STATUS_STRIDE) {
      const s = st[i + S_STATUS];
      const a = st[i + S_T];
      const b = i + STATUS_STRIDE < st.length ? st[i + STATUS_STRIDE + S_T] : untilS;
      if (isProductive(s)) spread(p.busyVans, startS, bucketS, a, Math.min(b, untilS));
      else if (isCharging(s)) spread(p.chargingVans, startS, bucketS, a, Math.min(b, untilS));
    }
  }
  return p;
}

/** On-time share of the parcels delivered in each bucket (NaN where none were). */
export function onTimeShare(p: Pick<DayProfile, 'delivered' | 'onTime'>): number[] {
  return p.delivered.map((d, i) => (d > 0 ? p.onTime[i] / d : NaN));
}

/**
 * The bucket-by-bucket mean of several runs' profiles (a variant's seeds), on the union of their
 * hours: a run that ended earlier counts zero for the hours after its end. All must share bucketS.
 */
export function averageProfiles(ps: readonly DayProfile[]): DayProfile | null {
  if (ps.length === 0) return null;
  const bucketS = ps[0].bucketS;
  if (ps.some((q) => q.bucketS !== bucketS)) throw new Error('averageProfiles: profiles with different bucket lengths');
  const startS = Math.min(...ps.map((q) => q.startS));
  const n = Math.max(...ps.map((q) => Math.round((q.startS - startS) / bucketS) + q.delivered.length));
  const mean = (key: 'delivered' | 'onTime' | 'failedAttempts' | 'busyVans' | 'chargingVans') => {
    const out = new Array<number>(n).fill(0);
    for (const q of ps) {
      const off = Math.round((q.startS - startS) / bucketS);
      q[key].forEach((x, i) => (out[off + i] += x / ps.length));
    }
    return out;
  };
  return { startS, bucketS, delivered: mean('delivered'), onTime: mean('onTime'), failedAttempts: mean('failedAttempts'), busyVans: mean('busyVans'), chargingVans: mean('chargingVans') };
}
