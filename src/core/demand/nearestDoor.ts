import type { Doors } from '../city/City.ts';

/**
 * Nearest door to a point, by a uniform grid over the doors (cells of about 4 doors): the rings of
 * cells around the point are searched outward until no nearer door can lie beyond them.
 */
export class NearestDoor {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cellM: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly start: Uint32Array;
  private readonly items: Uint32Array;

  constructor(private readonly doors: Doors) {
    const n = doors.count;
    if (n === 0) throw new Error('NearestDoor: the city has no doors');
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, doors.x[i]);
      maxX = Math.max(maxX, doors.x[i]);
      minY = Math.min(minY, doors.y[i]);
      maxY = Math.max(maxY, doors.y[i]);
    }
    const area = Math.max(1, (maxX - minX) * (maxY - minY));
    this.cellM = Math.max(1, Math.sqrt((area * 4) / n));
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / this.cellM) + 1;
    this.rows = Math.floor((maxY - minY) / this.cellM) + 1;
    const cellOf = new Uint32Array(n);
    const count = new Uint32Array(this.cols * this.rows + 1);
    for (let i = 0; i < n; i++) count[(cellOf[i] = this.cell(doors.x[i], doors.y[i])) + 1]++;
    for (let c = 0; c < this.cols * this.rows; c++) count[c + 1] += count[c];
    this.start = count.slice();
    this.items = new Uint32Array(n);
    const fill = count.slice();
    for (let i = 0; i < n; i++) this.items[fill[cellOf[i]]++] = i;
  }

  private cell(x: number, y: number): number {
    const cx = Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cellM)));
    const cy = Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellM)));
    return cy * this.cols + cx;
  }

  /** The nearest door to (x, y), metres; ties go to the lower door index. */
  nearest(x: number, y: number): number {
    const { doors, cellM, cols, rows } = this;
    const c = this.cell(x, y);
    const cx = c % cols;
    const cy = Math.floor(c / cols);
    let best = -1;
    let bestD = Infinity;
    for (let r = 0; r <= Math.max(cols, rows); r++) {
      for (let yy = cy - r; yy <= cy + r; yy++) {
        if (yy < 0 || yy >= rows) continue;
        const edgeRow = yy === cy - r || yy === cy + r;
        for (let xx = cx - r; xx <= cx + r; xx += edgeRow ? 1 : 2 * r || 1) {
          if (xx < 0 || xx >= cols) continue;
          const k = yy * cols + xx;
          for (let j = this.start[k]; j < this.start[k + 1]; j++) {
            const i = this.items[j];
            const d = (doors.x[i] - x) ** 2 + (doors.y[i] - y) ** 2;
            if (d < bestD || (d === bestD && i < best)) {
              bestD = d;
              best = i;
            }
          }
        }
      }
      // A door in a cell beyond ring r is at least r·cellM away (the point lies in, or beyond, its cell).
      if (best >= 0 && (r * cellM) ** 2 >= bestD) break;
    }
    return best;
  }
}
