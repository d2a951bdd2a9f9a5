/**
 * A map extract rather than a scenario: by name (.osm.pbf, .pbf, .osm, .xml, .geojson), or JSON that
 * is a GeoJSON FeatureCollection. Anything else is read as a scenario (and reported if it is not one).
 */
/** A dispatch strategy file (TypeScript or JavaScript), run in the simulation worker on the scenario on screen. */
export function isStrategyFile(name: string): boolean {
  return /\.(ts|mts|js|mjs)$/i.test(name);
}

export function isExtract(name: string, bytes: Uint8Array): boolean {
  if (/\.(pbf|osm|xml|geojson)$/i.test(name)) return true;
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  return /^\s*\{/.test(head) && /"type"\s*:\s*"FeatureCollection"/.test(head);
}
