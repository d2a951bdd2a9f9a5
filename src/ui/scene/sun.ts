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
  elevation: number;
  /** 0 by day … 1 at night (civil twilight in between). */
  night: number;
  readonly sunColour: [number, number, number];
  sunIntensity: number;
  readonly skyColour: [number, number, number];
  readonly groundColour: [number, number, number];
  ambient: number;
}

type RGB = [number, number, number];
const mixInto = (out: RGB, a: RGB, b: RGB, t: number): RGB => {
  out[0] = a[0] + (b[0] - a[0]) * t;
  out[1] = a[1] + (b[1] - a[1]) * t;
  out[2] = a[2] + (b[2] - a[2]) * t;
  return out;
};
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
const DAY_GROUND: RGB = [0.49, 0.54, 0.42];
const NIGHT_GROUND: RGB = [0.16, 0.17, 0.24];

export function newSky(): Sky {
  return { dir: [0, 1, 0], elevation: 0, night: 0, sunColour: [1, 1, 1], sunIntensity: 1, skyColour: [1, 1, 1], groundColour: [0, 0, 0], ambient: 1 };
}

/** The sky at a time of day, written into `out` (reused every frame: no allocation). */
export function skyAt(secondsAfterMidnight: number, out: Sky = newSky()): Sky {
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
  const d = out.dir;
  if (night > 0.5) {
    d[0] = -0.35;
    d[1] = 0.75;
    d[2] = -0.55;
  } else {
    d[0] = Math.cos(el) * Math.sin(az);
    d[1] = up;
    d[2] = -Math.cos(el) * Math.cos(az);
  }
  const len = Math.hypot(d[0], d[1], d[2]);
  d[0] /= len;
  d[1] /= len;
  d[2] /= len;
  out.elevation = el;
  out.night = night;
  if (night > 0.5) mixInto(out.sunColour, MOON, MOON, 0);
  else mixInto(out.sunColour, NOON_SUN, WARM_SUN, golden);
  out.sunIntensity = night > 0.5 ? 0.8 * night : (1 - night) * (0.6 + 1.4 * smooth(-2, 25, elDeg));
  mixInto(out.skyColour, DAY_SKY, DUSK_SKY, golden * 0.8);
  mixInto(out.skyColour, out.skyColour, NIGHT_SKY, night);
  mixInto(out.groundColour, DAY_GROUND, NIGHT_GROUND, night);
  out.ambient = 0.75 + 0.55 * (1 - night);
  return out;
}
