/**
 * Keeps the K entries with the lowest score seen so far. Memory is bounded by K entries: a new
 * entry is only built (by `make`) when it will be kept. Among equal scores the earlier entry
 * stays.
 */
export class WorstK<T> {
  private readonly kept: { score: number; order: number; value: T }[] = [];
  private seen = 0;

  constructor(private readonly k: number) {}

  /** True when an entry with this score would be kept. */
  accepts(score: number): boolean {
    if (this.k <= 0) {
      return false;
    }
    const best = this.kept[this.kept.length - 1];
    return this.kept.length < this.k || (best !== undefined && score < best.score);
  }

  /** Offers an entry; `make` runs only when the entry is kept. */
  offer(score: number, make: () => T): void {
    if (!this.accepts(score)) {
      return;
    }
    const entry = { score, order: this.seen, value: make() };
    this.seen += 1;

    let index = this.kept.findIndex(
      (other) => score < other.score || (score === other.score && entry.order < other.order),
    );
    if (index < 0) {
      index = this.kept.length;
    }
    this.kept.splice(index, 0, entry);
    if (this.kept.length > this.k) {
      this.kept.pop();
    }
  }

  /** Returns the kept entries, lowest score first. */
  values(): { score: number; value: T }[] {
    return this.kept.map(({ score, value }) => ({ score, value }));
  }
}
