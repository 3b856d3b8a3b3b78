import { seededRandom } from '../../../src/app/demo/demo-data';
import { ConversationPacer } from '../../../src/delivery/conversation-pacer';
import { PacerStopped, TenantPacer, type WindowClaims } from '../../../src/delivery/tenant-pacer';

/** The RateWindows table in memory: a claim succeeds once per tenant and window. */
class MemoryWindows implements WindowClaims {
  readonly taken = new Map<string, string>();
  async claim(tenant: string, index: number, owner: string): Promise<boolean> {
    const key = `${tenant}/${index}`;
    if (this.taken.has(key)) return false;
    this.taken.set(key, owner);
    return true;
  }
  private readonly pauses = new Map<string, number>();
  async block(tenant: string, from: number, to: number, owner: string, untilMs: number): Promise<void> {
    this.pauses.set(tenant, untilMs);
    for (let i = from; i <= to; i++) this.taken.set(`${tenant}/${i}`, `${owner}:paused`);
  }
  async pausedUntil(tenant: string): Promise<number> {
    return this.pauses.get(tenant) ?? 0;
  }
  async release(): Promise<void> {}
}

const log = { warn: () => undefined };

const clock = () => new Date();

/** Acquires `count` slots from each pacer for one tenant at once; the times the slots were for. */
async function drain(pacers: TenantPacer[], count: number): Promise<number[]> {
  const slots = await Promise.all(pacers.flatMap((p) => Array.from({ length: count }, () => p.acquire('t1'))));
  return slots.sort((a, b) => a - b);
}

/** The most instants of `times` inside any one `ms` (windows ending at each instant). */
function busiest(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let end = 0, start = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - ms) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('the tenant pacer, shared by instances through their window claims', () => {
  it('hands two instances together no more than 50 requests in any second, sharing the windows', async () => {
    const windows = new MemoryWindows();
    const pacers = ['a', 'b'].map((owner) => new TenantPacer({ ratePerTenant: 50, windows, owner, clock, log }));
    const slots = await drain(pacers, 30);
    expect(slots).toHaveLength(60);
    // Slots of the first window that had already passed when it was claimed are filled at once
    // (several may share an instant), so the test is Teams' own: at most 50 in any one second.
    expect(busiest(slots, 1000)).toBeLessThanOrEqual(50);
    expect(new Set([...windows.taken.values()])).toEqual(new Set(['a', 'b']));
    await Promise.all(pacers.map((p) => p.stop()));
  });

  it('pauses the tenant for every instance after a 429, until Retry-After has passed', async () => {
    const windows = new MemoryWindows();
    const [a, b] = ['a', 'b'].map((owner) => new TenantPacer({ ratePerTenant: 50, windows, owner, clock, log }));
    await a!.acquire('t1');
    const pausedUntil = Date.now() + 800;
    await a!.pause('t1', pausedUntil);
    const [fromA, fromB] = await Promise.all([a!.acquire('t1'), b!.acquire('t1')]);
    expect(fromA).toBeGreaterThanOrEqual(pausedUntil);
    expect(fromB).toBeGreaterThanOrEqual(pausedUntil - b!.windowMs);
    await Promise.all([a!.stop(), b!.stop()]);
  });
});

describe('the tenant pacer when cards are not always ready', () => {
  it('fills slots missed (nobody waiting, or a card too late for its own) without ever putting more than 50 into a second', async () => {
    const windows = new MemoryWindows();
    const pacers = ['a', 'b'].map((owner) => new TenantPacer({ ratePerTenant: 50, windows, owner, clock, log }));
    const left: number[] = [];
    // Each instance asks in bursts with pauses between, so some of its windows' slots pass unused.
    await Promise.all(
      pacers.map(async (pacer, n) => {
        const random = seededRandom(11 + n);
        for (let burst = 0; burst < 8; burst++) {
          const slots = await Promise.all(
            Array.from({ length: 1 + Math.floor(random() * 12) }, async () => {
              const slot = await pacer.acquire('t1');
              if (random() > 0.2) return slot;
              // One in five is too late for its slot (a slow claim) and asks again.
              await new Promise((resolve) => setTimeout(resolve, Math.max(0, slot - Date.now()) + pacer.lateToleranceMs + 20));
              return pacer.acquire('t1', { first: true, instead: slot });
            }),
          );
          // A request leaves at its instant, or now if that has passed.
          left.push(...slots.map((slot) => Math.max(slot, Date.now())));
          await new Promise((resolve) => setTimeout(resolve, random() * 150));
        }
      }),
    );
    expect(busiest(left, 1000)).toBeLessThanOrEqual(50);
    await Promise.all(pacers.map((p) => p.stop()));
    // Real time at 48 a second: about 3 s of sending, more on a busy machine.
  }, 30_000);

  it('turns away what waits when the instance stops, so its cards can be given back', async () => {
    const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
    const waitingForSlots = Array.from({ length: 40 }, () => pacer.acquire('t1'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await pacer.stop();
    const settled = await Promise.allSettled(waitingForSlots);
    expect(settled.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof PacerStopped)).toBe(true);
    expect(settled.some((r) => r.status === 'rejected')).toBe(true);
    await expect(pacer.acquire('t1')).rejects.toBeInstanceOf(PacerStopped);
  });
});

describe('the conversation pacer', () => {
  it('keeps one conversation within 7 in 1 s and 8 in 2 s', async () => {
    const pacer = new ConversationPacer(clock);
    const started = Date.now();
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      await pacer.acquire('19:chat');
      times.push(Date.now() - started);
    }
    expect(times[6]).toBeLessThan(300);
    expect(times[7]).toBeGreaterThanOrEqual(1000);
    expect(times[8]).toBeGreaterThanOrEqual(2000);
  });
});

describe('the tenant pacer when requests leave late and the network is slow at first', () => {
  afterEach(() => jest.useRealTimers());

  /**
   * About six seconds of sending, simulated on Jest's clock so it is the same every run:
   * 300 cards wait for slots, each claim takes a random time (some too long for the slot), a
   * request leaves when it is ready (up to the tolerance after its slot), and reaches Teams
   * some time after it left: up to 45 ms during the first second (new connections, a busy
   * moment), a few ms after. Each answer comes back right after the request arrived.
   */
  async function simulate(pacer: TenantPacer, seed: number, slowClaims = true): Promise<{ arrivals: number[]; fills: number }> {
    const random = seededRandom(seed);
    const start = Date.now();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const arrivals: number[] = [];
    let fills = 0;
    const send = async () => {
      let slot = await pacer.acquire('t1');
      const handedOut = Date.now();
      // Most claims are quick; one in four is slow enough to miss its slot.
      await sleep(slowClaims && random() < 0.25 ? 30 + random() * 60 : random() * 30);
      pacer.notePrep(Date.now() - handedOut);
      for (;;) {
        if (Date.now() > slot + pacer.lateToleranceMs) {
          slot = await pacer.acquire('t1', { first: true, instead: slot });
          // Given at once, where its own slot had passed: it fills a hole.
          if (slot === Date.now()) fills += 1;
        } else if (slot > Date.now()) await sleep(slot - Date.now());
        else break;
      }
      const leftAt = Date.now();
      pacer.left('t1', slot, leftAt);
      const arrival = leftAt + (leftAt - start < 1000 ? random() * 45 : random() * 3);
      arrivals.push(arrival);
      await sleep(arrival - Date.now() + 1);
      pacer.answered(leftAt);
    };
    const all = Promise.all(Array.from({ length: 300 }, send));
    let done = false;
    void all.then(() => (done = true));
    while (!done) await jest.advanceTimersByTimeAsync(50);
    await all;
    return { arrivals, fills };
  }

  it('never puts more than 50 into any second as Teams counts them, filling what slow claims missed', async () => {
    // Twelve runs: among them are ones that put 51 into a second if either the late leaving or
    // the slow answers were not counted.
    for (let seed = 1; seed <= 12; seed++) {
      jest.useFakeTimers({ now: 1_800_000_000_000 });
      const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
      const { arrivals, fills } = await simulate(pacer, seed);
      expect(arrivals).toHaveLength(300);
      // Slow claims left holes, and some were filled: the check below is not vacuous.
      expect(fills).toBeGreaterThanOrEqual(5);
      expect(busiest(arrivals, 1000)).toBeLessThanOrEqual(50);
      await pacer.stop();
      jest.useRealTimers();
    }
  });

  it('hands out slots the longest head start early until claims have been timed, then as long as they take', async () => {
    jest.useFakeTimers({ now: 1_800_000_000_000 });
    const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
    const handedOut: { slot: number; at: number }[] = [];
    const take = async () => {
      const slot = await pacer.acquire('t1');
      handedOut.push({ slot, at: Date.now() });
    };
    const first = Promise.all([take(), take(), take()]);
    await jest.advanceTimersByTimeAsync(200);
    await first;
    // The first slot of the first window may already have passed; the later ones have not.
    expect(handedOut[2]!.slot - handedOut[2]!.at).toBeGreaterThanOrEqual(39);
    for (let i = 0; i < 10; i++) pacer.notePrep(5);
    const later = Promise.all(Array.from({ length: 10 }, take));
    await jest.advanceTimersByTimeAsync(1000);
    await later;
    const last = handedOut.at(-1)!;
    expect(last.slot).toBeGreaterThan(handedOut[2]!.slot + 100);
    expect(last.slot - last.at).toBeGreaterThanOrEqual(4);
    expect(last.slot - last.at).toBeLessThanOrEqual(6);
    await pacer.stop();
  });

  it('sends fewer than the plan while answers are slow, so requests that arrive late do not put 51 into a second', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      jest.useFakeTimers({ now: 1_800_000_000_000 });
      const pacer = new TenantPacer({ ratePerTenant: 50, windows: new MemoryWindows(), owner: 'a', clock, log });
      // Claims are quick (no holes to fill): only the late arrivals of the first second can crowd one.
      const { arrivals } = await simulate(pacer, seed, false);
      expect(arrivals).toHaveLength(300);
      expect(busiest(arrivals, 1000)).toBeLessThanOrEqual(50);
      await pacer.stop();
      jest.useRealTimers();
    }
  });
});
