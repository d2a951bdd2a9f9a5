/**
 * Join multipolygon member ways into closed rings by their end nodes (the OSM multipolygon
 * algorithm, simplified: no self-intersection repair). Each ring is a closed node-id list (first
 * id repeated at the end); `open` counts chains that could not be closed.
 */
export function assembleRings(ways: readonly ArrayLike<number>[]): { rings: number[][]; open: number } {
  const used = new Uint8Array(ways.length);
  const rings: number[][] = [];
  let open = 0;
  for (let start = 0; start < ways.length; start++) {
    if (used[start] || ways[start].length < 2) continue;
    used[start] = 1;
    const ring = Array.from(ways[start]);
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1];
      let found = false;
      for (let k = 0; k < ways.length && !found; k++) {
        const w = ways[k];
        if (used[k] || w.length < 2) continue;
        if (w[0] === end) {
          for (let i = 1; i < w.length; i++) ring.push(w[i]);
          found = true;
        } else if (w[w.length - 1] === end) {
          for (let i = w.length - 2; i >= 0; i--) ring.push(w[i]);
          found = true;
        }
        if (found) used[k] = 1;
      }
      if (!found) break;
    }
    if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
    else open++;
  }
  return { rings, open };
}
