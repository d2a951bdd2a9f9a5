/**
 * An electricity tariff by time of day: prices per kWh from given seconds of the day, repeating
 * every day. `fromS` ascending, the first 0 (a period that starts later wraps from the previous day).
 */
export interface Tariff {
  readonly fromS: readonly number[];
  readonly pricePerKWh: readonly number[];
}

const DAY_S = 86_400;

/** A single price all day. */
export function flatTariff(pricePerKWh: number): Tariff {
  return { fromS: [0], pricePerKWh: [pricePerKWh] };
}

/** Build a tariff from (second of day, price) periods in any order; the earliest period also covers the night before it. */
export function tariffFrom(periods: readonly { readonly fromS: number; readonly pricePerKWh: number }[]): Tariff {
  const sorted = [...periods].sort((a, b) => a.fromS - b.fromS);
  if (sorted.length === 0) throw new Error('tariffFrom: no periods');
  const fromS = sorted.map((p) => p.fromS % DAY_S);
  const price = sorted.map((p) => p.pricePerKWh);
  if (fromS[0] !== 0) {
    fromS.unshift(0);
    price.unshift(price[price.length - 1]);
  }
  return { fromS, pricePerKWh: price };
}

/** Price at time t (seconds since midnight of day 0), per kWh. */
export function priceAt(tariff: Tariff, t: number): number {
  const s = ((t % DAY_S) + DAY_S) % DAY_S;
  let i = tariff.fromS.length - 1;
  while (i > 0 && tariff.fromS[i] > s) i--;
  return tariff.pricePerKWh[i];
}

/** The next time after t at which the price may change. */
export function nextChangeAfter(tariff: Tariff, t: number): number {
  const day = Math.floor(t / DAY_S) * DAY_S;
  const s = t - day;
  for (const f of tariff.fromS) if (f > s) return day + f;
  return day + DAY_S;
}

/** Lowest price between two times (the whole day when the span is a day or more). */
export function minPriceBetween(tariff: Tariff, a: number, b: number): number {
  let best = priceAt(tariff, a);
  for (let t = nextChangeAfter(tariff, a); t < b; t = nextChangeAfter(tariff, t)) best = Math.min(best, priceAt(tariff, t));
  return best;
}

/** Lowest price of the day. */
export function cheapestPrice(tariff: Tariff): number {
  return Math.min(...tariff.pricePerKWh);
}
