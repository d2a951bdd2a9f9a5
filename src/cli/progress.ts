/**
 * A progress bar on stderr that appears only once a job has run for a second: redrawn in place on
 * a terminal, or a line per 10 % when stderr is a file or pipe (CI logs).
 */
export class ProgressBar {
  private readonly start = performance.now();
  private shown = false;
  private lastDecile = -1;

  constructor(
    private readonly label: string,
    private readonly quiet = false,
  ) {}

  update(fraction: number): void {
    if (this.quiet || performance.now() - this.start < 1000) return;
    const f = Math.max(0, Math.min(1, fraction));
    const pct = `${Math.floor(f * 100)}`.padStart(3);
    if (process.stderr.isTTY) {
      const width = 30;
      const full = Math.round(f * width);
      process.stderr.write(`\r${this.label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${pct} %`);
      this.shown = true;
    } else {
      const decile = Math.floor(f * 10);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        process.stderr.write(`${this.label}: ${pct} %\n`);
      }
    }
  }

  done(): void {
    if (this.shown) process.stderr.write('\n');
  }
}
