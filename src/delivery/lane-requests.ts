import { SECOND_MS, type PacerPlan } from './pacer-plan';

/** A request this instance was given an instant for, and when it may reach Teams. */
interface Request {
  given: number;
  from: number;
  to: number;
}

/** The window a lane is using and its next token. */
export interface CurrentWindow {
  index: number;
  token: number;
}

/**
 * One tenant's recent requests in this instance, and the count that says whether one more
 * fits (see `fits`): the instant each was given, and when it may reach Teams (from the instant
 * to the tolerance after it, until it is known to have left).
 */
export class LaneRequests {
  private sent: Request[] = [];

  constructor(private readonly pacer: PacerPlan) {}

  /** Counts a request given the instant `at`: it leaves then, or up to the tolerance after. */
  record(at: number): void {
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

  /** The instant `given` passed unused: a hole, no longer counted as a request. */
  forget(given: number): void {
    const i = this.indexOf(given);
    if (i >= 0) this.sent.splice(i, 1);
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
   * come or in a window that is not ours (`taken` lists ours) as if used, each at its latest
   * (slot plus the tolerance). Slots of ours that passed unused count nothing: they are the
   * holes this fills.
   */
  fits(at: number, planned: boolean, taken: readonly number[], current: CurrentWindow | undefined): boolean {
    const { windowMs, slotMs, tokensPerWindow, lateToleranceMs, options } = this.pacer;
    const second = planned ? this.pacer.secondMs(this.pacer.networkMs) : this.pacer.secondMs();
    const mine = new Set(taken);
    const points: { from: number; to: number }[] = this.sent.filter((r) => r.to > at - second);
    const first = Math.floor((at - second - lateToleranceMs) / windowMs);
    const last = Math.floor((planned ? at : at + second) / windowMs);
    for (let i = first; i <= last; i++) {
      for (let j = 0; j < tokensPerWindow; j++) {
        const slot = i * windowMs + j * slotMs;
        // Ours and already passed: it went (in `sent`) or it is a hole.
        if (mine.has(i) && (slot <= at || (current?.index === i && j < current.token))) continue;
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
}
