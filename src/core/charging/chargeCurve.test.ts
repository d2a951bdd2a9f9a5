import { describe, expect, it } from 'vitest';
import { chargePowerW, chargeTimeS, energyAfterS } from './chargeCurve.ts';

const C = 36_800;

describe('charging curve', () => {
  it('is flat to 80 % then tapers', () => {
    expect(chargePowerW(0.5 * C, C, 60)).toBe(60_000);
    expect(chargePowerW(0.9 * C, C, 60)).toBeCloseTo(36_000, 6);
    expect(chargePowerW(C, C, 60)).toBeCloseTo(12_000, 6);
  });

  it('charges 20 % → 80 % in the hand-computed time', () => {
    // 0.6 * 36.8 kWh = 22.08 kWh at 60 kW = 0.368 h = 1324.8 s
    expect(chargeTimeS(0.2 * C, 0.8 * C, C, 60)).toBeCloseTo(1324.8, 6);
  });

  it('energyAfterS inverts chargeTimeS across the knee', () => {
    for (const [a, b] of [[0.1, 0.5], [0.3, 0.95], [0.85, 0.99]]) {
      const t = chargeTimeS(a * C, b * C, C, 40);
      expect(energyAfterS(a * C, t, C, 40)).toBeCloseTo(b * C, 6);
    }
    expect(energyAfterS(0.99 * C, 1e9, C, 40)).toBeLessThanOrEqual(C);
  });
});
