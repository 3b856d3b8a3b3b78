import type { SurveyTarget } from '../../cards/survey-steps';
import type { Collaborative } from '../../domain/model/collaborative';
import { effectiveK, type Pulse, type PulseScope } from '../../domain/model/pulse';
import type { Storage } from '../../storage/storage';
import type { Clock } from '../ports';
import { pulseTargets } from './pulse-lookup';

/** What building a pulse's card needs: the pulse, its collaborative, k and the groups it asks about. */
export interface PulseContext {
  pulse: Pulse;
  collaborative: Collaborative;
  k: number;
  targets: SurveyTarget[];
}

/** How long a worker trusts what it read: a closed pulse is noticed within this. */
const FRESH_MS = 5_000;

/**
 * What the survey card kinds and the reminder job read about a pulse while its cards go out.
 * Each instance reads a pulse (and its collaborative and workgroups) once every few seconds,
 * not once per card: a fan-out to 2,000 people would otherwise read them 6,000 times. What is
 * asked is fixed once a pulse opens, so only its status can change meanwhile.
 */
export class PulseContexts {
  private readonly cache = new Map<string, { at: number; value: Promise<PulseContext | undefined> }>();

  constructor(
    private readonly storage: Pick<Storage, 'pulses' | 'collaboratives' | 'workgroups'>,
    private readonly clock: Clock,
  ) {}

  /** The pulse's context, or undefined when the pulse (or its collaborative) is gone. */
  get(scope: PulseScope): Promise<PulseContext | undefined> {
    const key = `${scope.collaborativeId}/${scope.pulseId}`;
    const now = this.clock().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < FRESH_MS) return hit.value;
    const value = this.load(scope);
    this.cache.set(key, { at: now, value });
    // A failed read is not remembered: the next card tries again.
    value.catch(() => this.cache.delete(key));
    if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }

  private async load(scope: PulseScope): Promise<PulseContext | undefined> {
    const [pulse, collaborative, workgroups] = await Promise.all([
      this.storage.pulses.find(scope.collaborativeId, scope.pulseId),
      this.storage.collaboratives.find(scope.collaborativeId),
      this.storage.workgroups.list(scope.collaborativeId),
    ]);
    if (!pulse || !collaborative) return undefined;
    return {
      pulse: pulse.value,
      collaborative: collaborative.value,
      k: effectiveK(pulse.value, collaborative.value.k),
      targets: pulseTargets(pulse.value, workgroups),
    };
  }
}
