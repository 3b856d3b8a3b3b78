import type { PacerPlan } from './pacer-plan';

/**
 * One tenant's window claims in this instance, and its pause after a 429. A window is the
 * tenant's for this instance once its row in the RateWindows table is created (the create
 * fails for every other instance); a pause takes every window until Retry-After has passed and
 * writes the tenant's pause row, which every instance reads as it starts each window.
 */
export class LaneWindows {
  /** Windows this instance took, deleted once they have passed. */
  taken: number[] = [];
  /** Nobody sends to the tenant before this instant (epoch ms), as far as this instance knows. */
  pausedUntil = 0;

  constructor(
    private readonly tenant: string,
    private readonly pacer: PacerPlan,
  ) {}

  /** Teams answered 429: takes every window until `untilMs`, and tells the other instances. */
  async pause(untilMs: number): Promise<void> {
    if (untilMs <= this.pausedUntil) return;
    this.pausedUntil = untilMs;
    const { windowMs, options } = this.pacer;
    const from = Math.floor(this.pacer.now() / windowMs) + 1;
    const to = Math.floor((untilMs - 1) / windowMs);
    for (let i = from; i <= to; i++) this.taken.push(i);
    try {
      await options.windows.block(this.tenant, from, Math.max(from - 1, to), options.owner, untilMs);
    } catch (error) {
      options.log.warn('pausing a tenant for the other instances failed; this one pauses', { tenant: this.tenant, error: String(error) });
    }
  }

  /** Takes up a pause another instance recorded (read as each window starts; never waited for). */
  async readPause(): Promise<void> {
    try {
      const until = await this.pacer.options.windows.pausedUntil(this.tenant);
      if (until > this.pausedUntil) this.pausedUntil = until;
    } catch (error) {
      this.pacer.options.log.warn('reading whether a tenant is paused failed', { tenant: this.tenant, error: String(error) });
    }
  }

  /** Claims the first free window at or after `from` that is not in the past or a pause. */
  async claimFrom(from: number): Promise<number | undefined> {
    const { windowMs, options } = this.pacer;
    let index = from;
    for (let tries = 0; tries < 500; tries++) {
      index = Math.max(index, Math.floor(this.pacer.now() / windowMs), Math.ceil(this.pausedUntil / windowMs));
      try {
        if (await options.windows.claim(this.tenant, index, options.owner)) {
          this.taken.push(index);
          return index;
        }
      } catch (error) {
        options.log.warn('claiming a sending window failed', { tenant: this.tenant, error: String(error) });
        return undefined;
      }
      index += 1;
    }
    return undefined;
  }

  /** Deletes this instance's window rows that ended before `beforeMs`. */
  async releasePassed(beforeMs: number): Promise<void> {
    const { windowMs, options } = this.pacer;
    const passed = this.taken.filter((i) => (i + 1) * windowMs < beforeMs);
    if (passed.length === 0) return;
    this.taken = this.taken.filter((i) => (i + 1) * windowMs >= beforeMs);
    try {
      await options.windows.release(this.tenant, [...new Set(passed)]);
    } catch (error) {
      options.log.warn('deleting old sending windows failed; the sweep will', { tenant: this.tenant, error: String(error) });
    }
  }
}
