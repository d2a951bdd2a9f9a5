/**
 * A map extract rather than a scenario: by name (.osm.pbf, .pbf, .osm, .xml, .geojson), or JSON that
 * is a GeoJSON FeatureCollection. Anything else is read as a scenario (and reported if it is not one).
 */
export function isExtract(name: string, bytes: Uint8Array): boolean {
  if (/\.(pbf|osm|xml|geojson)$/i.test(name)) return true;
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  return /^\s*\{/.test(head) && /"type"\s*:\s*"FeatureCollection"/.test(head);
}
