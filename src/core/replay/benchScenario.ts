/**
 * The scenario behind the rendering benchmark's city (`?bench=N`): a procedural city of the given
 * size with the default district's street pattern. Its fleet is synthetic (syntheticTimeline), so
 * only the city, a token demand (for the world's stations) and the day matter here.
 */
export function benchScenarioText(widthM: number, heightM: number): string {
  return JSON.stringify({
    name: 'Rendering benchmark',
    description: `A ${(widthM / 1000).toFixed(1)} × ${(heightM / 1000).toFixed(1)} km procedural city with a synthetic fleet driving random routes (no dispatcher): for measuring the 3D view at fleet scale.`,
    seed: 1,
    day: { start: '10:00', end: '12:00' },
    city: { kind: 'procedural', widthM, heightM, blockM: 150, arterialEvery: 4, oneWayShare: 0.35, parkShare: 0.06, seed: 7 },
    facilities: { stations: 6 },
    fleet: { size: 10 },
    demand: { parcels: 50 },
  });
}
