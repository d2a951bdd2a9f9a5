/** Simulated time of day: seconds after midnight. Scenarios write it as "HH:MM" or "HH:MM:SS". */

const CLOCK = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/;

/** Seconds after midnight for "HH:MM[:SS]" (hours may exceed 23 for runs past midnight), or null. */
export function parseClock(text: string): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  if (h > 47) return null;
  return h * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
}

/** "HH:MM" (or "HH:MM:SS" with seconds=true) for seconds after midnight. */
export function formatClock(seconds: number, withSeconds = false): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return withSeconds ? `${pad(h)}:${pad(m)}:${pad(s % 60)}` : `${pad(h)}:${pad(m)}`;
}
