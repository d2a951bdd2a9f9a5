/**
 * Small-sample statistics for comparing simulation runs honestly: means with Student-t confidence
 * intervals (runs are few, so the normal approximation would overstate certainty), and paired
 * differences for common-random-number designs (every variant runs the same seeds, so each seed's
 * difference cancels the noise the variants share).
 */

/** Two-sided 97.5 % quantiles of Student's t for 1..30 degrees of freedom. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** t quantile for a 95 % two-sided interval: table up to 30 df, Cornish–Fisher expansion beyond. */
export function t95(df: number): number {
  if (df < 1) return Infinity;
  if (df <= 30) return T975[Math.round(df) - 1];
  const z = 1.959963985;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Half-width of the 95 % confidence interval of the mean (Infinity for n < 2). */
  readonly ci95: number;
}

export function summarize(xs: readonly number[]): Summary {
  const n = xs.length;
  const mean = n > 0 ? xs.reduce((s, x) => s + x, 0) / n : NaN;
  const sd = n > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : NaN;
  return { n, mean, sd, ci95: n > 1 ? (t95(n - 1) * sd) / Math.sqrt(n) : Infinity };
}

/** Paired difference b − a over matched runs; significant when the 95 % interval excludes zero. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Summary & { significant: boolean } {
  if (a.length !== b.length) throw new Error(`pairedDifference: ${a.length} runs against ${b.length}`);
  const s = summarize(b.map((x, i) => x - a[i]));
  return { ...s, significant: Number.isFinite(s.ci95) && Math.abs(s.mean) > s.ci95 };
}
