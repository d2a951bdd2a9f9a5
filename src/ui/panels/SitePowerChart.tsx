import type { ChargerDetail } from '../../core/replay/chargerDetail.ts';
import { formatClock } from '../../core/util/clock.ts';

const W = 300;
const H = 132;
const PAD = { left: 30, right: 6, top: 12, bottom: 16 } as const;
const DAY_S = 86_400;

/** A round axis top above x (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × a power of ten). */
function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

/** The tariff's periods between a and b (it repeats daily): [from, to, price]. */
function periods(fromS: Float64Array, price: Float64Array, a: number, b: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let day = Math.floor(a / DAY_S) * DAY_S; day < b; day += DAY_S) {
    for (let i = 0; i < fromS.length; i++) {
      const s = Math.max(a, day + fromS[i]);
      const e = Math.min(b, i + 1 < fromS.length ? day + fromS[i + 1] : day + DAY_S);
      if (e > s) out.push([s, e, price[i]]);
    }
  }
  return out;
}

interface Props {
  readonly detail: ChargerDetail;
  readonly startS: number;
  readonly endS: number;
}

/**
 * A charger site's draw over the day up to the displayed moment (a step line from the engine's
 * power log) against its grid limit (dashed), with the electricity tariff behind it as bands that
 * darken with the price. Plain SVG, drawn from the worker's arrays.
 */
export function SitePowerChart({ detail: d, startS, endS: dayEndS }: Props) {
  const endS = Math.max(dayEndS, d.t);
  const yMax = niceCeil(Math.max(d.limitKW, d.peakKW, 1) * 1.15);
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + ((Math.max(startS, Math.min(endS, t)) - startS) / Math.max(1, endS - startS)) * iw;
  const y = (kw: number) => PAD.top + ih - (kw / yMax) * ih;
  const bands = periods(d.tariffFromS, d.tariffPrice, startS, endS);
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, , p] of bands) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  const shade = (p: number) => (hi > lo ? 0.1 + (0.45 * (p - lo)) / (hi - lo) : 0.15);

  // The draw as a step line: level drawKWs[i] from drawT[i] to drawT[i + 1].
  let line = `M${x(startS).toFixed(1)},${y(0).toFixed(1)}`;
  for (let i = 0; i < d.drawT.length; i++) {
    line += `H${x(d.drawT[i]).toFixed(1)}V${y(d.drawKWs[i]).toFixed(1)}`;
  }
  const area = `${line}V${y(0).toFixed(1)}Z`;
  const hours: number[] = [];
  for (let h = Math.ceil(startS / 10_800) * 3; h * 3600 <= endS; h += 3) hours.push(h * 3600);
  const limitY = y(d.limitKW);

  return (
    <figure className="site-chart" data-testid="charger-chart" data-points={d.drawT.length} data-t={Math.round(d.t)}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`Draw of the site over the day against its ${d.limitKW} kW limit, with the electricity price behind`}>
        <g className="tariff">
          {bands.map(([s, e, p], i) => (
            <g key={i}>
              <rect x={x(s)} y={PAD.top} width={Math.max(0, x(e) - x(s))} height={ih} fill="#f2994a" fillOpacity={shade(p)} data-price={p} />
              {x(e) - x(s) > 24 && (
                <text x={(x(s) + x(e)) / 2} y={PAD.top - 3} className="price">
                  {p.toFixed(2)}
                </text>
              )}
            </g>
          ))}
        </g>
        <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} className="axis-line" />
        {[0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(yMax * f)} y2={y(yMax * f)} className="grid" />
            <text x={PAD.left - 3} y={y(yMax * f) + 3} className="ytick">
              {Math.round(yMax * f)}
            </text>
          </g>
        ))}
        <text x={PAD.left - 3} y={y(0) + 3} className="ytick">
          0
        </text>
        <path d={area} className="draw-area" />
        <path d={line} className="draw" data-testid="draw-line" />
        <line x1={PAD.left} x2={W - PAD.right} y1={limitY} y2={limitY} className="limit" data-testid="limit-line" />
        <text x={W - PAD.right - 2} y={limitY - 3} className="limit-label">
          limit {Math.round(d.limitKW)} kW
        </text>
        <line x1={x(d.t)} x2={x(d.t)} y1={PAD.top} y2={y(0)} className="cursor" />
        {hours.map((h) => (
          <text key={h} x={x(h)} y={H - 4} className="xtick">
            {formatClock(h).slice(0, 2)}
          </text>
        ))}
      </svg>
      <figcaption>
        <span className="key draw">draw, kW</span> <span className="key limit">grid limit</span> <span className="key price">price per kWh</span>
      </figcaption>
    </figure>
  );
}
