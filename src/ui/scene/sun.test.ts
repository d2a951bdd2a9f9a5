import { describe, expect, it } from 'vitest';
import { skyAt } from './sun.ts';

describe('skyAt', () => {
  it('has the sun up at noon in the south, down at midnight, and warm low light in the evening', () => {
    const noon = skyAt(13 * 3600); // solar noon with summer time
    expect(noon.night).toBe(0);
    expect(noon.elevation).toBeGreaterThan((60 * Math.PI) / 180);
    expect(noon.dir[2]).toBeGreaterThan(0); // z = south
    expect(skyAt(0.5 * 3600).night).toBe(1);
    const evening = skyAt(19.5 * 3600);
    expect(evening.night).toBeLessThan(0.2);
    expect(evening.sunColour[2]).toBeLessThan(noon.sunColour[2]);
    expect(evening.dir[0]).toBeLessThan(0); // setting in the west
    expect(skyAt(21.5 * 3600).night).toBeGreaterThan(0.9);
    expect(skyAt(6 * 3600).night).toBeLessThan(0.5);
  });
});
