import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auxPowerW, EnergyModel } from './EnergyModel.ts';
import { JD_VAN } from './VanSpec.ts';

// Hand-computed for the JD VAN defaults at 30 km/h (8.333 m/s) with 500 kg aboard (2,800 kg in all):
//   rolling   2800 · 9.81 · 0.009 / 0.85                      = 290.84 J/m =  80.79 Wh/km
//   stop-go   ½ · 0.002 /m · 8.333 · (1/0.85 − 0.6) · 2800 · 8.333 = 112.09 J/m =  31.14 Wh/km
//   drag      ½ · 1.2 · 2.2 / 0.85 · 8.333²                   = 107.84 J/m =  29.96 Wh/km
//   auxiliary (1000 + 150) W · 120 s per km                   = 138.00 kJ  =  38.33 Wh/km
//   total 180.21 Wh/km; 160 km → a 28.83 kWh usable battery.
describe('the energy model (JD VAN defaults)', () => {
  const m = new EnergyModel(JD_VAN);

  it('has the published headline figures', () => {
    expect(JD_VAN.rangeKm).toBe(160);
    expect(JD_VAN.maxSpeedKmh).toBe(60);
    expect(JD_VAN.payloadKg).toBe(1000);
    expect(JD_VAN.cargoM3).toBe(24);
  });

  it('gives the hand-computed consumption and a battery for exactly 160 km in urban driving at the reference load', () => {
    expect(m.whPerKm(30, 500)).toBeCloseTo(180.214, 2);
    expect(m.batteryWh).toBeCloseTo(28_834.3, 0);
    expect(m.rangeKm(30, 500)).toBeCloseTo(160, 9);
  });

  it('splits into its physical terms', () => {
    const noAux = (kmh: number, kg: number) => m.driveWh(1000, kmh, kg, 0);
    expect(noAux(30, 500) - noAux(30, 0)).toBeCloseTo(((80.788 + 31.137) * 500) / 2800, 2); // mass terms scale with mass
    expect(m.driveWh(1000, 30, 500) - noAux(30, 500)).toBeCloseTo(38.333, 3); // aux over the 120 s
    // At 60 km/h empty: rolling 66.36, stop-go 51.16, drag 119.83, aux 19.17.
    expect(m.whPerKm(60, 0)).toBeCloseTo(66.36 + 51.16 + 119.83 + 19.17, 1);
  });

  it('uses more with more load and in the cold; range falls accordingly', () => {
    expect(m.whPerKm(30, 1000)).toBeGreaterThan(m.whPerKm(30, 500));
    expect(m.rangeKm(30, 0)).toBeGreaterThan(160);
    expect(m.rangeKm(30, 1000)).toBeLessThan(160);
    const cold = new EnergyModel(JD_VAN, -10);
    expect(auxPowerW(JD_VAN, -10)).toBe(1000 + 150 + 60 * 30);
    expect(cold.batteryWh).toBeCloseTo(m.batteryWh, 9); // same pack
    expect(cold.rangeKm(30, 500)).toBeLessThan(140);
    expect(cold.dwellWh(3600)).toBeCloseTo(2950, 9);
  });

  it('bounds any path by its length and time: never below the true energy, exact at the extreme speeds and for two-speed paths', () => {
    expect(m.pathBoundWh(1000, 120, 500, 30, 60)).toBeCloseTo(m.driveWh(1000, 30, 500), 9); // at the slowest speed: exact
    expect(m.pathBoundWh(1000, 60, 500, 30, 60)).toBeCloseTo(m.driveWh(1000, 60, 500), 9); // at the fastest too
    expect(m.pathBoundWh(2000, 180, 500, 30, 60)).toBeCloseTo(m.driveWh(1000, 30, 500) + m.driveWh(1000, 60, 500), 9); // two speeds: the truth
    fc.assert(
      fc.property(fc.array(fc.record({ l: fc.double({ min: 1, max: 2000, noNaN: true }), kmh: fc.double({ min: 20, max: 60, noNaN: true }) }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1000, noNaN: true }), (edges, kg) => {
        let wh = 0;
        let l = 0;
        let t = 0;
        for (const e of edges) {
          wh += m.driveWh(e.l, e.kmh, kg);
          l += e.l;
          t += e.l / (e.kmh / 3.6);
        }
        expect(m.pathBoundWh(l, t, kg, 20, 60)).toBeGreaterThanOrEqual(wh * (1 - 1e-9));
      }),
    );
  });
});
