import { z } from 'zod';
import { DEFAULT_QUIET_HOURS, isKnownTimeZone, parseQuietRange, type QuietHours } from '../domain/quiet-hours';
import { ConfigError } from './config';

/**
 * How the delivery engine sends cards and runs timed work, checked once at start-up. The
 * defaults are Teams' own limits and the collaborative's working day; tests and benchmarks
 * shorten the timings.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (min: number, max: number, fallback: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).default(fallback));
const flag = (fallback: boolean) =>
  z.preprocess(blank, z.enum(['true', 'false', '1', '0', 'yes', 'no']).default(fallback ? 'true' : 'false')).transform((v) => ['true', '1', 'yes'].includes(v));

const envSchema = z.object({
  /** Requests per second Teams allows the app in each tenant (all instances together). */
  DELIVERY_RATE_PER_TENANT: int(1, 1000, 50),
  /** Attempts at one card before it is recorded as failed. */
  DELIVERY_MAX_ATTEMPTS: int(1, 20, 6),
  /** 'HH:MM-HH:MM' when reminders wait (local time), or 'none'. */
  DELIVERY_QUIET_HOURS: z.preprocess(blank, z.string().default('20:00-08:00')),
  /** Whether Saturdays and Sundays are quiet too. */
  DELIVERY_QUIET_WEEKENDS: flag(true),
  /** The time zone of the quiet hours. */
  DELIVERY_TIME_ZONE: z.preprocess(blank, z.string().default('Europe/London').refine(isKnownTimeZone, 'is not a time zone name such as Europe/London')),
  /** Whether this instance runs the workers (every instance does by default). */
  DELIVERY_WORKERS: flag(true),
  /** How long a worker holds a queue message, and a claimed delivery, before another may take it. */
  DELIVERY_LEASE_SECONDS: int(2, 600, 30),
  /** How often each instance looks for due timed work. */
  DELIVERY_JOB_POLL_MS: int(50, 600_000, 15_000),
  /** How long an instance holds timed work it took (longer than any job takes). */
  DELIVERY_JOB_LEASE_SECONDS: int(5, 3600, 300),
  /** Longest wait between looks at an empty queue. */
  DELIVERY_IDLE_POLL_MS: int(20, 60_000, 1_000),
});

/** The delivery engine's settings. */
export interface DeliveryConfig {
  ratePerTenant: number;
  maxAttempts: number;
  /** Undefined: no quiet hours. */
  quietHours?: QuietHours;
  /** The time zone people's dates and times are read in (a scheduled pulse's opening). */
  timeZone: string;
  runWorkers: boolean;
  leaseSeconds: number;
  jobPollMs: number;
  jobLeaseSeconds: number;
  idlePollMs: number;
}

/** Defaults, for tools and tests that build the engine without an environment. */
export const DEFAULT_DELIVERY_CONFIG: DeliveryConfig = {
  ratePerTenant: 50,
  maxAttempts: 6,
  quietHours: DEFAULT_QUIET_HOURS,
  timeZone: DEFAULT_QUIET_HOURS.timeZone,
  runWorkers: true,
  leaseSeconds: 30,
  jobPollMs: 15_000,
  jobLeaseSeconds: 300,
  idlePollMs: 1_000,
};

/** Parses the delivery settings from an environment; ConfigError naming each bad variable. */
export function parseDeliveryConfig(env: Record<string, string | undefined>): DeliveryConfig {
  const result = envSchema.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const quietText = result.success ? result.data.DELIVERY_QUIET_HOURS.trim() : '';
  const range = quietText.toLowerCase() === 'none' ? undefined : parseQuietRange(quietText);
  if (result.success && quietText.toLowerCase() !== 'none' && !range) {
    problems.push('DELIVERY_QUIET_HOURS: must be HH:MM-HH:MM (for example 20:00-08:00) or none');
  }
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const quietHours = range || e.DELIVERY_QUIET_WEEKENDS ? { ...(range ?? { fromMinute: 0, toMinute: 0 }), weekends: e.DELIVERY_QUIET_WEEKENDS, timeZone: e.DELIVERY_TIME_ZONE } : undefined;
  return {
    ratePerTenant: e.DELIVERY_RATE_PER_TENANT,
    maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
    ...(quietHours ? { quietHours } : {}),
    timeZone: e.DELIVERY_TIME_ZONE,
    runWorkers: e.DELIVERY_WORKERS,
    leaseSeconds: e.DELIVERY_LEASE_SECONDS,
    jobPollMs: e.DELIVERY_JOB_POLL_MS,
    jobLeaseSeconds: e.DELIVERY_JOB_LEASE_SECONDS,
    idlePollMs: e.DELIVERY_IDLE_POLL_MS,
  };
}
