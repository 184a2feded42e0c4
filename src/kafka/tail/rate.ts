/** Messages per second over a sliding window of one-second buckets. */
export class RateMeter {
  private buckets: { second: number; count: number }[] = [];

  constructor(
    private readonly windowSeconds = 3,
    private readonly now: () => number = Date.now,
  ) {}

  add(count: number): void {
    const second = Math.floor(this.now() / 1000);
    const last = this.buckets[this.buckets.length - 1];
    if (last?.second === second) last.count += count;
    else this.buckets.push({ second, count });
    this.prune(second);
  }

  rate(): number {
    const second = Math.floor(this.now() / 1000);
    this.prune(second);
    // Complete seconds only: the current one is still filling.
    const complete = this.buckets.filter((b) => b.second < second);
    return complete.length ? complete.reduce((n, b) => n + b.count, 0) / this.windowSeconds : 0;
  }

  private prune(second: number): void {
    while (this.buckets.length && this.buckets[0].second < second - this.windowSeconds) this.buckets.shift();
  }
}
