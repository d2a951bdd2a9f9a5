/**
 * Building footprints in flat structure-of-arrays form: building b's outer ring is the vertices
 * ringStart[b] .. ringStart[b+1]-1 of `xy` (local metres, counter-clockwise, not closed).
 * Holes are not kept: the view extrudes outer rings only. Shared by the procedural city and the
 * OSM importer; transferable as plain typed arrays.
 */
export interface Buildings {
  readonly count: number;
  readonly ringStart: Uint32Array;
  readonly xy: Float64Array;
  readonly heightM: Float32Array;
  readonly minHeightM: Float32Array;
}

/** Accumulates footprints, then packs them. */
export class BuildingsBuilder {
  private starts: number[] = [0];
  private coords: number[] = [];
  private heights: number[] = [];
  private minHeights: number[] = [];

  get count(): number {
    return this.heights.length;
  }

  /** Add a footprint given as flat [x0, y0, x1, y1, …]; it is reoriented counter-clockwise. */
  add(ring: ArrayLike<number>, heightM: number, minHeightM = 0): number {
    const k = ring.length >> 1;
    if (k < 3) throw new Error(`BuildingsBuilder.add: a footprint needs at least 3 vertices, got ${k}`);
    const ccw = signedArea(ring) >= 0;
    for (let i = 0; i < k; i++) {
      const j = ccw ? i : k - 1 - i;
      this.coords.push(ring[2 * j], ring[2 * j + 1]);
    }
    this.starts.push(this.coords.length >> 1);
    this.heights.push(heightM);
    this.minHeights.push(minHeightM);
    return this.heights.length - 1;
  }

  finish(): Buildings {
    return {
      count: this.heights.length,
      ringStart: Uint32Array.from(this.starts),
      xy: Float64Array.from(this.coords),
      heightM: Float32Array.from(this.heights),
      minHeightM: Float32Array.from(this.minHeights),
    };
  }
}

/** Shoelace signed area of a flat ring (positive when counter-clockwise). */
export function signedArea(ring: ArrayLike<number>, start = 0, end = ring.length >> 1): number {
  let a = 0;
  for (let i = start, j = end - 1; i < end; j = i++) a += ring[2 * j] * ring[2 * i + 1] - ring[2 * i] * ring[2 * j + 1];
  return a / 2;
}

/** Plan area of building i's footprint, m². */
export function footprintArea(b: Buildings, i: number): number {
  return Math.abs(signedArea(b.xy, b.ringStart[i], b.ringStart[i + 1]));
}

/** Centroid of building b's footprint (vertex average: good enough for doors and labels). */
export function buildingCentroid(b: Buildings, i: number): [number, number] {
  let sx = 0;
  let sy = 0;
  const s = b.ringStart[i];
  const e = b.ringStart[i + 1];
  for (let v = s; v < e; v++) {
    sx += b.xy[2 * v];
    sy += b.xy[2 * v + 1];
  }
  return [sx / (e - s), sy / (e - s)];
}
