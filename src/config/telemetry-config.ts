import { z } from 'zod';
import { ConfigError } from './config';

/**
 * Whether this process sends telemetry to Application Insights, checked once at start-up.
 * Telemetry is on only when APPLICATIONINSIGHTS_CONNECTION_STRING is set; without it nothing
 * is loaded and nothing is sent. The connection string is not a secret (it lets one write
 * telemetry, not read it), but it is checked like every other setting: a wrong one stops the
 * process with a line saying what is wrong, never with its value.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The parts of a connection string: `Key=value;Key=value`. */
function partsOf(connectionString: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const pair of connectionString.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) parts.set(pair.slice(0, at).trim().toLowerCase(), pair.slice(at + 1).trim());
  }
  return parts;
}

const isUrl = (value: string | undefined) => {
  if (value === undefined) return true;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const connectionStringSchema = z
  .string()
  .trim()
  .refine((cs) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(partsOf(cs).get('instrumentationkey') ?? ''), {
    message: 'must be an Application Insights connection string with an InstrumentationKey (a GUID): copy it from the resource\'s Overview page',
  })
  .refine((cs) => isUrl(partsOf(cs).get('ingestionendpoint')), { message: 'its IngestionEndpoint must be an http(s) URL' });

const telemetryEnvSchema = z.object({
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(blank, connectionStringSchema.optional()),
  /** Share of traces kept, 0 to 1 (default 1: a bot's traffic is small; lower it to cut cost). */
  APPLICATIONINSIGHTS_SAMPLING_RATIO: z.preprocess(blank, z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(1)),
});

/** Telemetry settings: absent when telemetry is off. */
export interface TelemetryConfig {
  connectionString: string;
  samplingRatio: number;
}

/** Parses the telemetry settings; undefined when APPLICATIONINSIGHTS_CONNECTION_STRING is not set. */
export function parseTelemetryConfig(env: Record<string, string | undefined>): TelemetryConfig | undefined {
  const result = telemetryEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = result.data;
  if (e.APPLICATIONINSIGHTS_CONNECTION_STRING === undefined) return undefined;
  return { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING, samplingRatio: e.APPLICATIONINSIGHTS_SAMPLING_RATIO };
}
