/**
 * A small in-process cache of computed bodies, each kept for its own time. It holds only
 * what any instance can compute again from storage (figures are stored as snapshots), so
 * the server stays stateless: a new instance just starts cold. Oldest entries go first
 * when it is full.
 */
export class MemoCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  constructor(
    private readonly maxEntries = 200,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The value, if it is there and still fresh. */
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps a value for `ttlMs` milliseconds. */
  set(key: string, value: T, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /**
   * The fresh value, or `compute`'s, kept for `ttlMs`. Callers asking while it is being
   * computed share the one computation: when a pulse closes and many people open the tab at
   * once, each instance works its figures out once, not once per person.
   */
  async getOrCompute(key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    const fresh = this.get(key);
    if (fresh !== undefined) return fresh;
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = compute().then((value) => {
      this.set(key, value, ttlMs);
      return value;
    });
    this.inFlight.set(key, started);
    try {
      return await started;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** Forgets everything (tests and benchmarks measure cold paths with it). */
  clear(): void {
    this.entries.clear();
  }
}
