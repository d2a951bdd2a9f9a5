/**
 * Where a file named in a scenario lives on the site: relative to the scenario's own path, with
 * the repository's public/ folder at the site root (Vite copies it there). So
 * scenarios/manhattan.json's "../public/cities/x.osm.pbf" is cities/x.osm.pbf beside the app.
 */
export function siteUrlOf(scenarioSource: string, path: string, baseUrl: string): string {
  if (/^[a-z]+:/i.test(path)) return path;
  const parts = scenarioSource.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  if (parts[0] === 'public') parts.shift();
  return new URL(parts.join('/'), baseUrl).href;
}
