import { LaneRequests, type CurrentWindow } from './lane-requests';
import { LaneWindows } from './lane-windows';
import { PacerStopped, type PacerPlan } from './pacer-plan';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * One tenant's pacing in this instance (see tenant-pacer.ts): the requests waiting for a
 * slot, handed out one slot at a time from the windows this instance claimed (LaneWindows),
 * each only when counting shows it keeps every second within Teams' limit (LaneRequests).
 */
export class TenantLane {
  private readonly waiters: { resolve: (slot: number) => void; reject: (error: Error) => void }[] = [];
  /** The window being used and its next token: a pause in requests resumes where it stopped. */
  private current: CurrentWindow | undefined;
  private running = false;
  private stopped = false;
  /** The next window claimed ahead, while the current one is used. */
  private next: Promise<number | undefined> | undefined;
  private readonly windows: LaneWindows;
  private readonly requests: LaneRequests;

  constructor(
    tenant: string,
    private readonly pacer: PacerPlan,
  ) {
    this.windows = new LaneWindows(tenant, pacer);
    this.requests = new LaneRequests(pacer);
  }

  /** `first`: ahead of everyone waiting (a request whose delivery is already claimed). */
  acquire(first: boolean, instead?: number): Promise<number> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(new PacerStopped());
      if (instead !== undefined) {
        // The instant it was given passed unused: a hole, no longer counted as a request.
        this.requests.forget(instead);
        const now = this.pacer.now();
        if (now >= this.windows.pausedUntil && this.fits(now)) {
          this.requests.record(now);
          return resolve(now);
        }
      }
      if (first) this.waiters.unshift({ resolve, reject });
      else this.waiters.push({ resolve, reject });
      void this.run();
    });
  }

  /** The request given the instant `given` left at `at`. */
  left(given: number, at: number): void {
    this.requests.left(given, at);
  }

  /** Teams answered 429: nobody sends to the tenant until `untilMs` (see LaneWindows.pause). */
  pause(untilMs: number): Promise<void> {
    return this.windows.pause(untilMs);
  }

  /** Turns away every request waiting (PacerStopped) and releases this instance's window rows. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new PacerStopped());
    await this.windows.releasePassed(Number.POSITIVE_INFINITY);
  }

  private fits(at: number, planned = false): boolean {
    return this.requests.fits(at, planned, this.windows.taken, this.current);
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const { windowMs, slotMs, tokensPerWindow } = this.pacer;
      const windows = this.windows;
      while (this.waiters.length > 0 && !this.stopped) {
        if (!this.current || this.current.token >= tokensPerWindow) {
          const index = await (this.next ?? windows.claimFrom(0));
          this.next = undefined;
          if (index === undefined) {
            await sleep(windowMs); // the table could not be reached: wait, then claim again
            continue;
          }
          this.current = { index, token: 0 };
          void windows.readPause();
        }
        const window = this.current;
        const start = window.index * windowMs;
        while (window.token < tokensPerWindow && this.waiters.length > 0 && !this.stopped) {
          const j = window.token++;
          const slot = start + j * slotMs;
          // Claim the next window as soon as this one cannot serve everyone waiting, or half-way
          // through while requests keep coming, so there is no gap between windows.
          const short = this.waiters.length > tokensPerWindow - j || j >= tokensPerWindow / 2;
          if (!this.next && short) this.next = windows.claimFrom(window.index + 1);
          if (slot < windows.pausedUntil) continue;
          const handOut = slot - this.pacer.lead;
          if (handOut > this.pacer.now()) await sleep(handOut - this.pacer.now());
          if (slot < windows.pausedUntil || this.stopped) continue; // a 429 came while waiting
          const now = this.pacer.now();
          if (slot < now - this.pacer.lateToleranceMs) {
            // Missed: it goes now only if that keeps every second within the limit.
            if (now >= windows.pausedUntil && this.fits(now)) this.handOut(now);
            continue;
          }
          // The plan's spacing absorbs a request leaving late and arriving a little late, not
          // more: while answers are slow (the first requests, a busy moment), a slot that would
          // crowd a second with this instance's requests as they may arrive is left unused.
          if (!this.fits(slot, true)) continue;
          this.handOut(slot);
        }
        if (windows.taken.length >= 50) void windows.releasePassed(this.pacer.now() - 2000);
      }
    } finally {
      this.running = false;
    }
    if (this.waiters.length > 0 && !this.stopped) void this.run();
  }

  private handOut(at: number): void {
    this.requests.record(at);
    this.waiters.shift()!.resolve(at);
  }
}
