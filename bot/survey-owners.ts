/**
 * Remembers which collaborative a person's pulse card belongs to, so the eight presses of one
 * survey do not each search every collaborative's pulses (the cards carry only the pulse id,
 * and that search reads the whole Pulses table).
 *
 * Safe to keep in memory on a stateless server: a pulse never moves to another collaborative,
 * and every use-case checks the person's rights again on each press, so a remembered answer
 * can only save a lookup, never let anyone do more. A server that restarts, or another
 * instance, simply looks it up once more. Bounded: the oldest entries go first.
 */
export class SurveyOwners {
  private readonly owners = new Map<string, string>();

  constructor(private readonly capacity = 20_000) {}

  private static key(aadObjectId: string, pulseId: string): string {
    return `${aadObjectId.toLowerCase()}\n${pulseId}`;
  }

  /** The collaborative remembered for this person and pulse, if any. */
  get(aadObjectId: string, pulseId: string): string | undefined {
    const key = SurveyOwners.key(aadObjectId, pulseId);
    const found = this.owners.get(key);
    if (found !== undefined) {
      // Most recently used last, so eviction takes the least recently used.
      this.owners.delete(key);
      this.owners.set(key, found);
    }
    return found;
  }

  /** Remembers the collaborative found for this person and pulse. */
  remember(aadObjectId: string, pulseId: string, collaborativeId: string): void {
    const key = SurveyOwners.key(aadObjectId, pulseId);
    this.owners.delete(key);
    this.owners.set(key, collaborativeId);
    if (this.owners.size > this.capacity) this.owners.delete(this.owners.keys().next().value!);
  }
}
