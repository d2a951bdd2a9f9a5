import { describe, expect, it } from 'vitest';
import { JD_VAN, batteryWh, driveEnergyWh, rangeAtLoadKm, whPerKm } from './VanSpec.ts';

describe('JD VAN energy model', () => {
  it('has the published headline figures', () => {
    expect(JD_VAN.rangeKm).toBe(160);
    expect(JD_VAN.maxSpeedKmh).toBe(60);
    expect(JD_VAN.payloadKg).toBe(1000);
    expect(JD_VAN.cargoM3).toBe(24);
  });

  it('does exactly 160 km per charge at the reference load', () => {
    expect(rangeAtLoadKm(JD_VAN, JD_VAN.referenceLoadKg)).toBeCloseTo(160, 9);
    expect(batteryWh(JD_VAN)).toBeCloseTo(36_800, 6);
  });

  it('uses more energy per km with more load', () => {
    expect(whPerKm(JD_VAN, 1000)).toBeGreaterThan(whPerKm(JD_VAN, 500));
    expect(rangeAtLoadKm(JD_VAN, 0)).toBeGreaterThan(160);
    expect(rangeAtLoadKm(JD_VAN, 1000)).toBeLessThan(160);
    expect(rangeAtLoadKm(JD_VAN, 1000)).toBeGreaterThan(120);
    expect(driveEnergyWh(JD_VAN, 10_000, 250)).toBeCloseTo(10 * (190 + 20), 9);
  });
});
