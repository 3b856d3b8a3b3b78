import type { Clock, Logger } from '../app/ports';
import { SECOND_MS, type PacerPlan, type WindowClaims } from './pacer-plan';
import { TenantLane } from './tenant-lane';

export { PacerStopped, type WindowClaims } from './pacer-plan';

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
 *
 * Here: the plan and what every tenant shares (recent answers, the head start). Each tenant's
 * waiting requests and slots are in tenant-lane.ts, its window claims and pauses in
 * lane-windows.ts, and the count that says whether a request fits in lane-requests.ts.
 */

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
/** How long answers are remembered, for how much the network may add now (see `secondMs`). */
const ANSWERS_KEPT_MS = 2000;
/** Longest stretch of Teams' second that slow answers can add. */
const MAX_STRETCH_MS = 1000;
/** What the network is taken to add while nothing has been answered lately (new connections). */
const COLD_STRETCH_MS = 60;
const TOKENS_PER_WINDOW = 10;
/** Longest pause one 429 can impose (a Retry-After beyond it is capped). */
const MAX_PAUSE_MS = 5 * 60_000;

/** Paces sends per tenant for this instance, in step with the others through the window claims. */
export class TenantPacer implements PacerPlan {
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
