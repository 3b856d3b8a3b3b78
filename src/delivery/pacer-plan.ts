import type { Logger } from '../app/ports';

/**
 * What the parts of the tenant pacer share (see tenant-pacer.ts for how pacing works): the
 * plan's timings, the table of window claims, and the error a stopping instance gives.
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

/** Teams' second, lengthened by what the network may add between two requests' arrivals. */
export const SECOND_MS = 1000 + 30;

/** The pacer's plan and settings, as each tenant's lane reads them (TenantPacer). */
export interface PacerPlan {
  readonly slotMs: number;
  readonly windowMs: number;
  readonly tokensPerWindow: number;
  /** How long before its slot a slot is handed out. */
  readonly lead: number;
  /** How late after its slot a request may still leave. */
  readonly lateToleranceMs: number;
  /** What the network may add between two requests' arrivals. */
  readonly networkMs: number;
  readonly options: { readonly ratePerTenant: number; readonly windows: WindowClaims; readonly owner: string; readonly log: Logger };
  /** Teams' second as `fits` counts it (see TenantPacer.secondMs). */
  secondMs(leastMs?: number): number;
  now(): number;
}
