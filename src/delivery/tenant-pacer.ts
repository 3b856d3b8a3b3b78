import type { Clock, Logger } from '../app/ports';

/**
 * The per-tenant rate limit that holds across every instance together.
 *
 * Time is cut into numbered windows, each worth `tokensPerWindow` sends spaced evenly
 * (at 50/s and 10 tokens: a window every 200 ms, a send every 20 ms). Before sending in a
 * window, an instance CLAIMS it by creating the window's row in the RateWindows table; the
 * create fails for everyone but one, so the instances' windows never overlap and together
 * they never plan more than the tenant's rate. A claim is one write per ten sends, with no
 * read-modify-write to contend on; the next window is claimed while this one is used.
 *
 * Sends go at their slot's time, not in bursts: Teams counts requests as they arrive, so an
 * evenly spaced plan stays under the limit in every second, and a slot missed by more than
 * one slot is skipped rather than sent late (late sends would bunch with the next ones). A
 * slot is handed out a little before its time (`lead`, what claiming a delivery row usually
 * takes), so the sender can claim the row and still send on the slot. We plan a little
 * under the rate (`headroom`) so network and event-loop jitter stay inside it.
 *
 * A 429 slows the whole tenant: the instance that gets it takes every window until its
 * Retry-After has passed (rows nobody sends in), so every instance's next claim skips past
 * the pause, and writes the tenant's pause row, which every instance reads (without waiting
 * for it) as it starts each window: windows already claimed stop within about one window.
 */

/** The table operations the pacer needs (RateWindowRepository in production). */
export interface WindowClaims {
  claim(tenant: string, index: number, owner: string): Promise<boolean>;
  block(tenant: string, from: number, to: number, owner: string, untilMs: number): Promise<void>;
  pausedUntil(tenant: string): Promise<number>;
  release(tenant: string, indexes: readonly number[]): Promise<void>;
}

/** What a pacer needs: the rate, the shared window claims, who it is and the clock. */
export interface TenantPacerOptions {
  /** Requests per second Teams allows the app per tenant. */
  ratePerTenant: number;
  windows: WindowClaims;
  /** This instance's id, written on its claims (for whoever reads the table). */
  owner: string;
  clock: Clock;
  log: Logger;
  /** Share of the rate planned for (default 0.96): the rest absorbs timing jitter. */
  headroom?: number;
  tokensPerWindow?: number;
}

/** Plan 96% of the rate: at 48 a second, a send can be 40 ms late without 51 landing in one second. */
export const DEFAULT_HEADROOM = 0.96;
/** Longest head start a slot is handed out with; longer claims send on a later slot instead. */
const MAX_LEAD_MS = 40;
const TOKENS_PER_WINDOW = 10;
/** Longest pause one 429 can impose (a Retry-After beyond it is capped). */
const MAX_PAUSE_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Paces sends per tenant for this instance, in step with the others through the window claims. */
export class TenantPacer {
  readonly slotMs: number;
  readonly windowMs: number;
  readonly tokensPerWindow: number;
  private readonly lanes = new Map<string, TenantLane>();
  /** Recent times a claim before sending took, for the lead. */
  private readonly prepTimes: number[] = [];
  /** How long before its slot a slot is handed out. */
  lead = 0;

  constructor(readonly options: TenantPacerOptions) {
    const rate = options.ratePerTenant * (options.headroom ?? DEFAULT_HEADROOM);
    this.tokensPerWindow = options.tokensPerWindow ?? TOKENS_PER_WINDOW;
    this.slotMs = 1000 / rate;
    this.windowMs = this.slotMs * this.tokensPerWindow;
  }

  private lane(tenant: string): TenantLane {
    let lane = this.lanes.get(tenant);
    if (!lane) {
      lane = new TenantLane(tenant, this);
      this.lanes.set(tenant, lane);
    }
    return lane;
  }

  /**
   * Resolves `lead` ms before this instance may make one request to the tenant, with the
   * instant (epoch ms) the request should leave: no earlier, and not much later. `first` puts
   * the request ahead of the others waiting: one whose delivery row is claimed already, so the
   * time a claimed card waits (and would be lost if the instance died) stays one slot.
   */
  acquire(tenant: string, options: { first?: boolean } = {}): Promise<number> {
    return this.lane(tenant).acquire(options.first ?? false);
  }

  /** Records how long the work between a slot being handed out and the request took. */
  notePrep(ms: number): void {
    this.prepTimes.push(ms);
    if (this.prepTimes.length > 60) this.prepTimes.shift();
    // Nine in ten claims finish inside the head start; the rest take a later slot.
    const sorted = [...this.prepTimes].sort((a, b) => a - b);
    this.lead = Math.min(MAX_LEAD_MS, sorted[Math.floor(sorted.length * 0.9)] ?? 0);
  }

  /** Teams answered 429: nobody sends to the tenant until `untilMs` (epoch ms). */
  pause(tenant: string, untilMs: number): Promise<void> {
    return this.lane(tenant).pause(Math.min(untilMs, this.now() + MAX_PAUSE_MS));
  }

  /** Releases this instance's window rows; waiting requests stay waiting. */
  async stop(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
  }

  now(): number {
    return this.options.clock().getTime();
  }
}

/** One tenant's pacing in this instance: a queue of waiting requests and the windows it holds. */
class TenantLane {
  private readonly waiters: ((slot: number) => void)[] = [];
  private running = false;
  private stopped = false;
  private pausedUntil = 0;
  /** The next window claimed ahead, while the current one is used. */
  private next: Promise<number | undefined> | undefined;
  /** Windows this instance took, deleted once they have passed. */
  private taken: number[] = [];

  constructor(
    private readonly tenant: string,
    private readonly pacer: TenantPacer,
  ) {}

  /** `first`: ahead of everyone waiting (a request whose delivery is already claimed). */
  acquire(first: boolean): Promise<number> {
    return new Promise((resolve) => {
      if (first) this.waiters.unshift(resolve);
      else this.waiters.push(resolve);
      void this.run();
    });
  }

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

  async stop(): Promise<void> {
    this.stopped = true;
    await this.releasePassed(Number.POSITIVE_INFINITY);
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const { windowMs, slotMs, tokensPerWindow } = this.pacer;
      while (this.waiters.length > 0 && !this.stopped) {
        const index = await (this.next ?? this.claimFrom(0));
        this.next = undefined;
        if (index === undefined) {
          await sleep(windowMs); // the table could not be reached: wait, then claim again
          continue;
        }
        const start = index * windowMs;
        void this.readPause();
        for (let j = 0; j < tokensPerWindow && this.waiters.length > 0; j++) {
          const slot = start + j * slotMs;
          // Claim the next window as soon as this one cannot serve everyone waiting, or half-way
          // through while requests keep coming, so there is no gap between windows.
          const short = this.waiters.length > tokensPerWindow - j || j >= tokensPerWindow / 2;
          if (!this.next && short) this.next = this.claimFrom(index + 1);
          if (slot < this.pausedUntil) continue;
          const now = this.pacer.now();
          if (slot < now - slotMs) continue; // missed: sending now would bunch with the next slots
          const handOut = slot - this.pacer.lead;
          if (handOut > now) await sleep(handOut - now);
          if (slot < this.pausedUntil || this.stopped) continue; // a 429 came while waiting
          this.waiters.shift()!(slot);
        }
        if (this.taken.length >= 50) void this.releasePassed(this.pacer.now() - 2000);
      }
    } finally {
      this.running = false;
    }
    if (this.waiters.length > 0 && !this.stopped) void this.run();
  }

  /** Takes up a pause another instance recorded (read as each window starts; never waited for). */
  private async readPause(): Promise<void> {
    try {
      const until = await this.pacer.options.windows.pausedUntil(this.tenant);
      if (until > this.pausedUntil) this.pausedUntil = until;
    } catch (error) {
      this.pacer.options.log.warn('reading whether a tenant is paused failed', { tenant: this.tenant, error: String(error) });
    }
  }

  /** Claims the first free window at or after `from` that is not in the past or a pause. */
  private async claimFrom(from: number): Promise<number | undefined> {
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
  private async releasePassed(beforeMs: number): Promise<void> {
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
