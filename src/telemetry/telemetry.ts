import type { DeliveryMetrics } from '../app/ports';
import { NO_METRICS } from '../app/ports';
import type { TelemetryConfig } from '../config/telemetry-config';
import { RedactingSpanProcessor } from './redacting-span-processor';

/**
 * OpenTelemetry through Azure Monitor (Application Insights), the one place the SDK is
 * loaded: traces and metrics of HTTP requests in and out (the Bot Connector) and of the Azure
 * SDKs (Tables, Queues), plus RC Pulse's own counters (cards sent by kind and outcome, 429s,
 * timed-job runs, queue depth). Every span passes the redacting processor before export.
 *
 * Only started when APPLICATIONINSIGHTS_CONNECTION_STRING is set (see bot/telemetry-start.ts,
 * which starts it before the server's modules load, so http and the Azure SDKs are patched).
 * Without it NO_TELEMETRY is used and nothing of OpenTelemetry is ever required.
 */

/** What the processes use of telemetry. */
export interface Telemetry {
  readonly enabled: boolean;
  /** The delivery engine's counters (NO_METRICS when off). */
  readonly metrics: DeliveryMetrics;
  /** Reports the queue's depth (messages waiting) whenever metrics are collected. */
  observeQueueDepth(read: () => Promise<number>): void;
  /** Sends what is buffered and stops; safe to call when off. */
  shutdown(): Promise<void>;
}

/** Telemetry that is off: nothing loaded, nothing sent. */
export const NO_TELEMETRY: Telemetry = {
  enabled: false,
  metrics: NO_METRICS,
  observeQueueDepth: () => undefined,
  shutdown: () => Promise.resolve(),
};

type AzureMonitor = typeof import('@azure/monitor-opentelemetry');
type OtelApi = typeof import('@opentelemetry/api');

/**
 * Starts Azure Monitor's OpenTelemetry distribution for this process. `role` is the cloud
 * role name the telemetry is filed under ('rc-pulse' for a server, 'rc-pulse-worker').
 */
export function startTelemetry(config: TelemetryConfig, role: string): Telemetry {
  // Required here, not imported at the top: a process without telemetry never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const monitor = require('@azure/monitor-opentelemetry') as AzureMonitor;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('@opentelemetry/api') as OtelApi;
  process.env.OTEL_SERVICE_NAME ??= role;
  // Statsbeat (the SDK's own usage counts, sent to Microsoft rather than to this resource): off,
  // so telemetry goes to the organisation's own Application Insights and nowhere else.
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED ??= 'true';
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.connectionString },
    samplingRatio: config.samplingRatio,
    // Sample by ratio alone (the default would cap traces at 5 a second).
    tracesPerSecond: 0,
    // Live Metrics streams sample requests unredacted and the browser loader edits pages: both off.
    enableLiveMetrics: false,
    browserSdkLoaderOptions: { enabled: false },
    instrumentationOptions: {
      http: { enabled: true },
      azureSdk: { enabled: true },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    spanProcessors: [new RedactingSpanProcessor() as never],
  });
  return { enabled: true, ...ownMetrics(api), shutdown: () => monitor.shutdownAzureMonitor() ?? Promise.resolve() };
}

/** RC Pulse's own instruments. Attributes are kinds, statuses and results only. */
function ownMetrics(api: OtelApi): Pick<Telemetry, 'metrics' | 'observeQueueDepth'> {
  const meter = api.metrics.getMeter('rc-pulse');
  const cards = meter.createCounter('rcpulse.cards.sent', { description: 'Cards whose outcome was recorded, by card kind and status' });
  const throttled = meter.createCounter('rcpulse.cards.throttled', { description: 'Requests for a card that Teams answered with 429, by card kind' });
  const jobs = meter.createHistogram('rcpulse.jobs.duration', { description: 'Timed-job runs, by job kind and result', unit: 'ms' });
  const depth = meter.createObservableGauge('rcpulse.queue.depth', { description: 'Card messages waiting in the queue (hidden ones included)' });
  const readers: Array<() => Promise<number>> = [];
  depth.addCallback(async (result) => {
    for (const read of readers) {
      // A storage blip must not break metric collection: the point is left out this time.
      const value = await read().catch(() => undefined);
      if (value !== undefined) result.observe(value);
    }
  });
  return {
    metrics: {
      cardSent: (kind, status) => cards.add(1, { 'card.kind': kind, 'card.status': status }),
      throttled: (kind) => throttled.add(1, { 'card.kind': kind }),
      jobRan: (kind, result, durationMs) => jobs.record(durationMs, { 'job.kind': kind, 'job.result': result }),
    },
    observeQueueDepth: (read) => void readers.push(read),
  };
}
