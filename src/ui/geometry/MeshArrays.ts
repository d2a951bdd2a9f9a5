/** Plain typed arrays for one indexed, vertex-coloured mesh: transferable from a worker, wrapped in a BufferGeometry by the view. */
export interface MeshArrays {
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly colors: Float32Array;
  readonly indices: Uint32Array;
}

/** Growable builder for MeshArrays (used off the main thread, once per city). */
export class MeshBuilder {
  private p: number[] = [];
  private n: number[] = [];
  private c: number[] = [];
  private i: number[] = [];

  get vertexCount(): number {
    return this.p.length / 3;
  }

  vertex(x: number, y: number, z: number, nx: number, ny: number, nz: number, r: number, g: number, b: number): number {
    this.p.push(x, y, z);
    this.n.push(nx, ny, nz);
    this.c.push(r, g, b);
    return this.p.length / 3 - 1;
  }

  triangle(a: number, b: number, c: number): void {
    this.i.push(a, b, c);
  }

  finish(): MeshArrays {
    return { positions: Float32Array.from(this.p), normals: Float32Array.from(this.n), colors: Float32Array.from(this.c), indices: Uint32Array.from(this.i) };
  }
}

/** The transferable buffers of a mesh (for comlink's transfer list). */
export function meshTransferables(m: MeshArrays): ArrayBuffer[] {
  return [m.positions.buffer, m.normals.buffer, m.colors.buffer, m.indices.buffer] as ArrayBuffer[];
}
