/**
 * Constant-current / constant-voltage charging approximated as power flat up to 80 % state of
 * charge, then falling linearly to 20 % of it at 100 % (the usual shape of Li-ion DC charging
 * curves). Power is the lower of the charger's and the van's limits. Closed forms, so the
 * simulation schedules one "charged" event instead of stepping.
 */
const KNEE = 0.8;
const TAIL = 0.2;

/** Charging power at a state of charge, W. */
export function chargePowerW(socWh: number, capacityWh: number, limitKW: number): number {
  const p = limitKW * 1000;
  const f = socWh / capacityWh;
  if (f <= KNEE) return p;
  return p * (1 - ((1 - TAIL) * (f - KNEE)) / (1 - KNEE));
}

/** Seconds to charge from one energy level to a higher one. */
export function chargeTimeS(fromWh: number, toWh: number, capacityWh: number, limitKW: number): number {
  if (toWh <= fromWh) return 0;
  const p = limitKW * 1000;
  const knee = KNEE * capacityWh;
  let t = 0;
  let e = fromWh;
  if (e < knee) {
    const upTo = Math.min(toWh, knee);
    t += ((upTo - e) / p) * 3600;
    e = upTo;
  }
  if (toWh > e) {
    // Above the knee P(E) = p * (1 - k (E - knee)), k = (1 - TAIL) / ((1 - KNEE) C); dt = dE / P.
    const k = (1 - TAIL) / ((1 - KNEE) * capacityWh);
    t += (3600 / (p * k)) * Math.log((1 - k * (e - knee)) / (1 - k * (toWh - knee)));
  }
  return t;
}

/** Energy after charging for dt seconds from fromWh (inverse of chargeTimeS), capped at capacity. */
export function energyAfterS(fromWh: number, dtS: number, capacityWh: number, limitKW: number): number {
  const p = limitKW * 1000;
  const knee = KNEE * capacityWh;
  let e = fromWh;
  let dt = dtS;
  if (e < knee) {
    const toKnee = ((knee - e) / p) * 3600;
    if (dt <= toKnee) return e + (p * dt) / 3600;
    e = knee;
    dt -= toKnee;
  }
  const k = (1 - TAIL) / ((1 - KNEE) * capacityWh);
  const after = knee + (1 - (1 - k * (e - knee)) * Math.exp((-p * k * dt) / 3600)) / k;
  return Math.min(capacityWh, after);
}
