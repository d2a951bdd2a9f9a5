/**
 * Where the sun is, and what the sky looks like, at a time of day. A textbook solar position
 * (declination and hour angle) for an early-summer day at 40° N, with the clock an hour ahead of
 * solar time (summer time): sunrise about 05:50, sunset about 20:10, so a delivery day runs from
 * morning light through a warm evening into night.
 */
const LAT = (40 * Math.PI) / 180;
const DECL = (20 * Math.PI) / 180;
const CLOCK_AHEAD_H = 1;

export interface Sky {
  /** Unit vector towards the sun in view coordinates (x east, y up, z south). */
  readonly dir: [number, number, number];
  /** Sun elevation, radians (negative below the horizon). */
  readonly elevation: number;
  /** 0 by day … 1 at night (civil twilight in between). */
  readonly night: number;
  readonly sunColour: [number, number, number];
  readonly sunIntensity: number;
  readonly skyColour: [number, number, number];
  readonly groundColour: [number, number, number];
  readonly ambient: number;
}

type RGB = [number, number, number];
const mix = (a: RGB, b: RGB, t: number): RGB => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const smooth = (e0: number, e1: number, x: number) => {
  const t = clamp01((x - e0) / (e1 - e0));
  return t * t * (3 - 2 * t);
};

const NIGHT_SKY: RGB = [0.09, 0.12, 0.24];
const DUSK_SKY: RGB = [0.98, 0.7, 0.52];
const DAY_SKY: RGB = [0.78, 0.85, 0.92];
const WARM_SUN: RGB = [1.0, 0.62, 0.35];
const NOON_SUN: RGB = [1.0, 0.97, 0.9];
const MOON: RGB = [0.55, 0.65, 1.0];

export function skyAt(secondsAfterMidnight: number): Sky {
  const solarH = secondsAfterMidnight / 3600 - CLOCK_AHEAD_H;
  const hourAngle = ((solarH - 12) * 15 * Math.PI) / 180;
  const sinEl = Math.sin(LAT) * Math.sin(DECL) + Math.cos(LAT) * Math.cos(DECL) * Math.cos(hourAngle);
  const el = Math.asin(sinEl);
  // Azimuth from north, clockwise (east = 90°).
  const cosAz = (Math.sin(DECL) - Math.sin(el) * Math.sin(LAT)) / (Math.cos(el) * Math.cos(LAT));
  let az = Math.acos(Math.max(-1, Math.min(1, cosAz)));
  if (hourAngle > 0) az = 2 * Math.PI - az;
  const elDeg = (el * 180) / Math.PI;
  const night = 1 - smooth(-7, 1, elDeg);
  const golden = 1 - smooth(2, 22, elDeg);
  // Light from at least ~15° up: a true grazing sun would leave the streets black at dawn and dusk.
  const up = Math.max(0.26, Math.sin(el));
  // The moon stands in as a dim bluish key light at night, so the city keeps its shape.
  const dir: [number, number, number] =
    night > 0.5 ? [-0.35, 0.75, -0.55] : [Math.cos(el) * Math.sin(az), up, -Math.cos(el) * Math.cos(az)];
  const len = Math.hypot(dir[0], dir[1], dir[2]);
  const daySky = mix(DAY_SKY, DUSK_SKY, golden * 0.8);
  return {
    dir: [dir[0] / len, dir[1] / len, dir[2] / len],
    elevation: el,
    night,
    sunColour: night > 0.5 ? MOON : mix(NOON_SUN, WARM_SUN, golden),
    sunIntensity: night > 0.5 ? 0.8 * night : (1 - night) * (0.6 + 1.4 * smooth(-2, 25, elDeg)),
    skyColour: mix(daySky, NIGHT_SKY, night),
    groundColour: mix([0.49, 0.54, 0.42], [0.16, 0.17, 0.24], night),
    ambient: 0.75 + 0.55 * (1 - night),
  };
}
