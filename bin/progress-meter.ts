/** Prints counts, rate and (when the total is known) ETA of long-running work on stderr, at most once a second. */
export class ProgressMeter {
  private readonly started = Date.now();
  private lastPrint = 0;

  constructor(private readonly label: string, private readonly total?: number) {}

  update(done: number, extra = ''): void {
    const now = Date.now();
    if (now - this.lastPrint < 1000) return;
    this.lastPrint = now;
    process.stderr.write(`${this.format(done, extra)}${process.stderr.isTTY ? '\r' : '\n'}`);
  }

  finish(done: number, extra = ''): void {
    process.stderr.write(`${this.format(done, extra)}\n`);
  }

  private format(done: number, extra: string): string {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = done / seconds;
    const of = this.total ? `/${this.total.toLocaleString('en')}` : '';
    const eta = this.total && rate > 0 ? `, ETA ${Math.max(0, Math.round((this.total - done) / rate))}s` : '';
    return `${this.label}: ${done.toLocaleString('en')}${of} (${rate.toFixed(0)}/s${eta})${extra ? `, ${extra}` : ''}   `;
  }
}
