/** Plain typed arrays for one indexed, vertex-coloured mesh: transferable from a worker, wrapped in a BufferGeometry by the view. */
export interface MeshArrays {
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly colors: Float32Array;
  readonly indices: Uint32Array;
}

/** Growable builder for MeshArrays (used off the main thread, once per city): typed arrays that double when full. */
export class MeshBuilder {
  private p = new Float32Array(3 * 1024);
  private n = new Float32Array(3 * 1024);
  private c = new Float32Array(3 * 1024);
  private i = new Uint32Array(3 * 1024);
  private nv = 0;
  private ni = 0;

  get vertexCount(): number {
    return this.nv;
  }

  get indexCount(): number {
    return this.ni;
  }

  vertex(x: number, y: number, z: number, nx: number, ny: number, nz: number, r: number, g: number, b: number): number {
    if (3 * (this.nv + 1) > this.p.length) {
      this.p = grow(this.p);
      this.n = grow(this.n);
      this.c = grow(this.c);
    }
    const o = 3 * this.nv;
    this.p[o] = x;
    this.p[o + 1] = y;
    this.p[o + 2] = z;
    this.n[o] = nx;
    this.n[o + 1] = ny;
    this.n[o + 2] = nz;
    this.c[o] = r;
    this.c[o + 1] = g;
    this.c[o + 2] = b;
    return this.nv++;
  }

  triangle(a: number, b: number, c: number): void {
    if (this.ni + 3 > this.i.length) this.i = grow(this.i);
    this.i[this.ni++] = a;
    this.i[this.ni++] = b;
    this.i[this.ni++] = c;
  }

  finish(): MeshArrays {
    return { positions: this.p.slice(0, 3 * this.nv), normals: this.n.slice(0, 3 * this.nv), colors: this.c.slice(0, 3 * this.nv), indices: this.i.slice(0, this.ni) };
  }
}

function grow<T extends Float32Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

/** The transferable buffers of a mesh (for comlink's transfer list). */
export function meshTransferables(m: MeshArrays): ArrayBuffer[] {
  return [m.positions.buffer, m.normals.buffer, m.colors.buffer, m.indices.buffer] as ArrayBuffer[];
}
