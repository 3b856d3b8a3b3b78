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
 * evenly spaced plan stays under the limit in every second. We plan a little under the rate
 * (`headroom`), which is what lets a request leave a little after its slot (`lateToleranceMs`)
 * without 51 landing in any one second. A slot missed by more than that (a busy moment, or no
 * card ready) is not simply lost: a request may still go late when counting shows every second
 * around it stays within the limit: this instance's requests when they left (until the sender
 * says, anywhere in the tolerance after their instant), the other windows' slots as if all
 * were used, at their latest. Only the holes missed slots left can be filled so, so the whole
 * never exceeds the plan (see `fits`). The seconds counted are lengthened by the slowest
 * recent answer: a request reaches Teams no later than its answer comes back, and at the
 * start (new connections) or in a busy moment requests can arrive tens of ms after they left.
 * Then even a planned slot is checked against the requests before it, and left unused when
 * they may still be arriving as it goes.
 *
 * A slot is handed out a little before its time (`lead`, what claiming a card's delivery row
 * usually takes; the longest until claims have been timed), so the sender can claim the row
 * and still send on the slot. A claim slower than that leaves its slot unused; the card then
 * asks again (`instead`) and goes at once if that fits, filling the hole it left, else on the
 * next slot.
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

/** Why a request waiting for a slot (or to claim ahead) was turned away: the instance is stopping. */
export class PacerStopped extends Error {
  constructor() {
    super('the delivery engine is stopping');
    this.name = 'PacerStopped';
  }
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
  /** Share of the rate planned for (default 0.96): the rest absorbs timing jitter (see lateToleranceMs). */
  headroom?: number;
  tokensPerWindow?: number;
}

/** Plan 96% of the rate: at 48 a second, a send can be 40 ms late without 51 landing in one second. */
export const DEFAULT_HEADROOM = 0.96;
/** Longest head start a slot is handed out with. */
const MAX_LEAD_MS = 40;
/** Share of the slack the headroom leaves that a late request may use (the rest is for the network). */
const LATE_SHARE = 0.6;
/** Teams' second, lengthened by what the network may add between two requests' arrivals. */
const SECOND_MS = 1000 + 30;
/** How long answers are remembered, for how much the network may add now (see `secondMs`). */
const ANSWERS_KEPT_MS = 2000;
/** Longest stretch of Teams' second that slow answers can add. */
const MAX_STRETCH_MS = 1000;
/** What the network is taken to add while nothing has been answered lately (new connections). */
const COLD_STRETCH_MS = 60;
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
  /** When recent requests were answered and how long after leaving, newest last (see `answered`). */
  private readonly answers: { at: number; ms: number }[] = [];
  /** Recent times the work between a slot being handed out and its request took, for the lead. */
  private readonly prepTimes: number[] = [];
  /** How long before its slot a slot is handed out (the longest, until claims have been timed). */
  lead = MAX_LEAD_MS;
  /**
   * How late after its slot a request may still leave. Planning at h of the rate spaces 50
   * requests (1/h - 1) seconds more than a second apart; a request later than its slot by less
   * than that cannot put 51 into any second. Part of it is kept for the network's own jitter.
   */
  readonly lateToleranceMs: number;
  /** The rest of that spacing: what the network may add between two requests' arrivals. */
  readonly networkMs: number;

  constructor(readonly options: TenantPacerOptions) {
    const headroom = options.headroom ?? DEFAULT_HEADROOM;
    const rate = options.ratePerTenant * headroom;
    this.lateToleranceMs = Math.max(2, LATE_SHARE * 1000 * (1 / headroom - 1));
    this.networkMs = Math.max(0, 1000 * (1 / headroom - 1) - this.lateToleranceMs);
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
   * instant (epoch ms) the request should leave: no earlier, and not much later. A request that
   * missed the instant it was given asks again with `instead` (that instant) and `first`: it
   * goes at once if that keeps every second within the limit, else on the next slot, ahead of
   * the others waiting.
   */
  acquire(tenant: string, options: { first?: boolean; instead?: number } = {}): Promise<number> {
    return this.lane(tenant).acquire(options.first ?? false, options.instead);
  }

  /**
   * The request given the instant `given` left at `at` (epoch ms), which may be up to the
   * tolerance after it: later fills count it where it really went.
   */
  left(tenant: string, given: number, at: number): void {
    this.lanes.get(tenant)?.left(given, at);
  }

  /**
   * A request that left at `leftAt` (epoch ms) was answered now. A request can reach Teams no
   * later than its answer comes back, so slow answers (new connections, a busy moment) say
   * arrivals may be that far behind: fills then count longer seconds (see `secondMs`).
   */
  answered(leftAt: number): void {
    const now = this.now();
    this.answers.push({ at: now, ms: now - leftAt });
    while (this.answers.length > 0 && this.answers[0]!.at < now - ANSWERS_KEPT_MS) this.answers.shift();
  }

  /**
   * Teams' second as `fits` counts it: lengthened by what the network may add between two
   * requests' arrivals, the slowest answer of the last two seconds when that is more. With no
   * answer in that time (the first requests, or after a quiet spell), connections may be new
   * and slow: COLD_STRETCH_MS is assumed.
   */
  secondMs(leastMs = SECOND_MS - 1000): number {
    const since = this.now() - ANSWERS_KEPT_MS;
    let slowest = -1;
    for (const a of this.answers) if (a.at >= since && a.ms > slowest) slowest = a.ms;
    if (slowest < 0) slowest = COLD_STRETCH_MS;
    return 1000 + Math.min(MAX_STRETCH_MS, Math.max(leastMs, slowest));
  }

  /** Records how long the work between a slot being handed out and the request took. */
  notePrep(ms: number): void {
    this.prepTimes.push(ms);
    if (this.prepTimes.length > 60) this.prepTimes.shift();
    // Nine in ten claims finish inside the head start; the rest ask again (see acquire).
    const sorted = [...this.prepTimes].sort((a, b) => a - b);
    this.lead = Math.min(MAX_LEAD_MS, sorted[Math.floor(sorted.length * 0.9)] ?? 0);
  }

  /** Teams answered 429: nobody sends to the tenant until `untilMs` (epoch ms). */
  pause(tenant: string, untilMs: number): Promise<void> {
    return this.lane(tenant).pause(Math.min(untilMs, this.now() + MAX_PAUSE_MS));
  }

  /** Turns away every request waiting (PacerStopped) and releases this instance's window rows. */
  async stop(): Promise<void> {
    await Promise.all([...this.lanes.values()].map((lane) => lane.stop()));
  }

  now(): number {
    return this.options.clock().getTime();
  }
}

/** A request this instance was given an instant for, and when it may reach Teams. */
interface Request {
  given: number;
  from: number;
  to: number;
}

/** One tenant's pacing in this instance: a queue of waiting requests and the windows it holds. */
class TenantLane {
  private readonly waiters: { resolve: (slot: number) => void; reject: (error: Error) => void }[] = [];
  /** The window being used and its next token: a pause in requests resumes where it stopped. */
  private current: { index: number; token: number } | undefined;
  private running = false;
  private stopped = false;
  private pausedUntil = 0;
  /** The next window claimed ahead, while the current one is used. */
  private next: Promise<number | undefined> | undefined;
  /** Windows this instance took, deleted once they have passed. */
  private taken: number[] = [];
  /**
   * This instance's recent requests, for `fits`: the instant each was given, and when it may
   * reach Teams (from the instant to the tolerance after it, until it is known to have left).
   */
  private sent: Request[] = [];

  constructor(
    private readonly tenant: string,
    private readonly pacer: TenantPacer,
  ) {}

  /** `first`: ahead of everyone waiting (a request whose delivery is already claimed). */
  acquire(first: boolean, instead?: number): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(new PacerStopped());
      if (instead !== undefined) {
        // The instant it was given passed unused: a hole, no longer counted as a request.
        const i = this.indexOf(instead);
        if (i >= 0) this.sent.splice(i, 1);
        const now = this.pacer.now();
        if (now >= this.pausedUntil && this.fits(now)) {
          this.record(now);
          return resolve(now);
        }
      }
      if (first) this.waiters.unshift({ resolve, reject });
      else this.waiters.push({ resolve, reject });
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
    for (const waiter of this.waiters.splice(0)) waiter.reject(new PacerStopped());
    await this.releasePassed(Number.POSITIVE_INFINITY);
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const { windowMs, slotMs, tokensPerWindow } = this.pacer;
      while (this.waiters.length > 0 && !this.stopped) {
        if (!this.current || this.current.token >= tokensPerWindow) {
          const index = await (this.next ?? this.claimFrom(0));
          this.next = undefined;
          if (index === undefined) {
            await sleep(windowMs); // the table could not be reached: wait, then claim again
            continue;
          }
          this.current = { index, token: 0 };
          void this.readPause();
        }
        const window = this.current;
        const start = window.index * windowMs;
        while (window.token < tokensPerWindow && this.waiters.length > 0 && !this.stopped) {
          const j = window.token++;
          const slot = start + j * slotMs;
          // Claim the next window as soon as this one cannot serve everyone waiting, or half-way
          // through while requests keep coming, so there is no gap between windows.
          const short = this.waiters.length > tokensPerWindow - j || j >= tokensPerWindow / 2;
          if (!this.next && short) this.next = this.claimFrom(window.index + 1);
          if (slot < this.pausedUntil) continue;
          const handOut = slot - this.pacer.lead;
          if (handOut > this.pacer.now()) await sleep(handOut - this.pacer.now());
          if (slot < this.pausedUntil || this.stopped) continue; // a 429 came while waiting
          const now = this.pacer.now();
          if (slot < now - this.pacer.lateToleranceMs) {
            // Missed: it goes now only if that keeps every second within the limit.
            if (now >= this.pausedUntil && this.fits(now)) this.handOut(now);
            continue;
          }
          // The plan's spacing absorbs a request leaving late and arriving a little late, not
          // more: while answers are slow (the first requests, a busy moment), a slot that would
          // crowd a second with this instance's requests as they may arrive is left unused.
          if (!this.fits(slot, true)) continue;
          this.handOut(slot);
        }
        if (this.taken.length >= 50) void this.releasePassed(this.pacer.now() - 2000);
      }
    } finally {
      this.running = false;
    }
    if (this.waiters.length > 0 && !this.stopped) void this.run();
  }

  private handOut(at: number): void {
    this.record(at);
    this.waiters.shift()!.resolve(at);
  }

  /** Counts a request given the instant `at`: it leaves then, or up to the tolerance after. */
  private record(at: number): void {
    this.sent.push({ given: at, from: at, to: at + this.pacer.lateToleranceMs });
    if (this.sent.length > 200) {
      const old = at - 2 * SECOND_MS;
      this.sent = this.sent.filter((r) => r.to >= old);
    }
  }

  /** The request given `given` left at `at`: counted from now on at that instant. */
  left(given: number, at: number): void {
    const request = this.sent[this.indexOf(given)];
    if (request) {
      request.from = at;
      request.to = at;
    }
  }

  /** Where the latest request given the instant `given` is in `sent`; -1 when it is not. */
  private indexOf(given: number): number {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i]!.given === given) return i;
    return -1;
  }

  /**
   * Whether one more request at `at` keeps every second around it within Teams' limit. Counted
   * in every second that holds `at`: this instance's requests when they left (or, not yet known
   * to have left, anywhere from their instant to the tolerance after), and every slot still to
   * come or in a window that is not ours as if used, each at its latest (slot plus the
   * tolerance). Slots of ours that passed unused count nothing: they are the holes this fills.
   */
  private fits(at: number, planned = false): boolean {
    const { windowMs, slotMs, tokensPerWindow, lateToleranceMs, options } = this.pacer;
    const second = planned ? this.pacer.secondMs(this.pacer.networkMs) : this.pacer.secondMs();
    const mine = new Set(this.taken);
    const points: { from: number; to: number }[] = this.sent.filter((r) => r.to > at - second);
    const first = Math.floor((at - second - lateToleranceMs) / windowMs);
    const last = Math.floor((planned ? at : at + second) / windowMs);
    for (let i = first; i <= last; i++) {
      for (let j = 0; j < tokensPerWindow; j++) {
        const slot = i * windowMs + j * slotMs;
        // Ours and already passed: it went (in `sent`) or it is a hole.
        if (mine.has(i) && (slot <= at || (this.current?.index === i && j < this.current.token))) continue;
        // A planned slot is checked against what went before it, the other windows' slots at
        // their instants (their lateness is the plan's to absorb); slots after it check themselves.
        if (planned) {
          if (slot < at) points.push({ from: slot, to: slot });
          continue;
        }
        points.push({ from: slot, to: slot + lateToleranceMs });
      }
    }
    // Every second (b - second, b] holding `at`: enough to try each b where a count can rise.
    // For a planned slot, the one ending at it: those after it are checked by their own slots.
    const ends = planned ? [at] : [at, ...points.map((p) => p.from).filter((t) => t > at && t < at + second)];
    for (const b of ends) {
      let count = 1;
      for (const p of points) if (p.to > b - second && p.from <= b) count += 1;
      if (count > options.ratePerTenant) return false;
    }
    return true;
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
