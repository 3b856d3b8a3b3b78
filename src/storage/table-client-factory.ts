import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { RestError, TableClient } from '@azure/data-tables';
import type { StorageConfig } from '../config/config';

/** Every table the product uses, by role; the stored name is the configured prefix + this. */
export const TABLES = {
  collaboratives: 'Collaboratives',
  organisations: 'Organisations',
  workgroups: 'Workgroups',
  members: 'Members',
  pulses: 'Pulses',
  deliveries: 'Deliveries',
  /** Ledger entries, drafts and pending responses: one table so a submission is one transaction. */
  submissions: 'Submissions',
  responses: 'Responses',
  snapshots: 'Snapshots',
  audit: 'Audit',
  /** Timed work (reminders, closing, fan-out checks) and once markers. */
  jobs: 'Jobs',
  /** Each tenant's sending windows, claimed by the instances that send (the shared rate limit). */
  rateWindows: 'RateWindows',
  /** Interventions and their update logs, one partition per collaborative. */
  interventions: 'Interventions',
  /** Transition checks: the check-only fields beside their pulse, one partition per collaborative. */
  transitions: 'Transitions',
  /** Issued family links: each link's pulse and expiry (whether it was used is the ledger's). */
  familyLinks: 'FamilyLinks',
} as const;

export type TableRole = keyof typeof TABLES;

/** Table name for a role under a prefix, e.g. ('rcpulse', 'pulses') -> 'rcpulsePulses'. */
export function tableName(prefix: string, role: TableRole): string {
  return `${prefix}${TABLES[role]}`;
}

/**
 * How hard to try before a transient fault (timeout, 408, 500, 503, connection reset)
 * becomes a StorageError. The retrying itself is the Azure SDK's exponential retry policy.
 */
export interface StorageClientOptions {
  maxRetries?: number;
  retryDelayInMs?: number;
  maxRetryDelayInMs?: number;
  /** Longest wait for one attempt before it counts as a timeout and is retried. */
  tryTimeoutInMs?: number;
  /** Shared credential for STORAGE_ACCOUNT_URL (defaults to DefaultAzureCredential). */
  credential?: TokenCredential;
}

/**
 * Production defaults. Table operations normally take milliseconds, so an attempt that takes
 * 8 s has stalled; a few seconds of transient trouble are absorbed by 3 retries with backoff,
 * and a request gives up (StorageError, 'storage_unavailable') after about 35 s at worst.
 */
export const DEFAULT_CLIENT_OPTIONS = {
  maxRetries: 3,
  retryDelayInMs: 300,
  maxRetryDelayInMs: 3000,
  tryTimeoutInMs: 8000,
} as const;

type PipelinePolicy = Parameters<TableClient['pipeline']['addPolicy']>[0];

/**
 * Gives each attempt its own deadline. The SDK has no per-attempt timeout, and an aborted
 * request is not retried; this policy sits inside the retry policy and reports a stalled
 * attempt as ETIMEDOUT, which the SDK's retry strategy treats as transient.
 */
function tryTimeoutPolicy(timeoutInMs: number): PipelinePolicy {
  return {
    name: 'rcPulseTryTimeout',
    async sendRequest(request, next) {
      const outer = request.abortSignal;
      const controller = new AbortController();
      const forward = () => controller.abort();
      outer?.addEventListener('abort', forward);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutInMs);
      request.abortSignal = controller.signal;
      try {
        return await next(request);
      } catch (error) {
        if (!timedOut) throw error;
        throw new RestError(`no answer from storage within ${timeoutInMs} ms`, { code: 'ETIMEDOUT', request });
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', forward);
        request.abortSignal = outer;
      }
    },
  };
}

/** True when a connection string points at plain http (Azurite, local development). */
function isHttpConnectionString(connectionString: string): boolean {
  return (
    /usedevelopmentstorage=true/i.test(connectionString) ||
    /(^|;)\s*tableendpoint=http:\/\//i.test(connectionString) ||
    (/(^|;)\s*defaultendpointsprotocol=http\s*(;|$)/i.test(connectionString) && !/tableendpoint=https:/i.test(connectionString))
  );
}

/**
 * Builds TableClients for a storage configuration: from a connection string (Azurite, or
 * a key for a test account), or from the account URL with managed identity (no keys).
 */
export function tableClientFactory(config: StorageConfig, options: StorageClientOptions = {}): (role: TableRole) => TableClient {
  const o = { ...DEFAULT_CLIENT_OPTIONS, ...options };
  const retryOptions = { maxRetries: o.maxRetries, retryDelayInMs: o.retryDelayInMs, maxRetryDelayInMs: o.maxRetryDelayInMs };
  const conn = config.connection;
  let credential: TokenCredential | undefined;
  return (role) => {
    const name = tableName(config.namePrefix, role);
    let client: TableClient;
    if (conn.kind === 'connection-string') {
      const allowInsecureConnection = isHttpConnectionString(conn.connectionString);
      client = TableClient.fromConnectionString(conn.connectionString, name, { retryOptions, allowInsecureConnection });
    } else {
      credential ??= o.credential ?? new DefaultAzureCredential();
      client = new TableClient(conn.accountUrl, name, credential, { retryOptions });
    }
    client.pipeline.addPolicy(tryTimeoutPolicy(o.tryTimeoutInMs), { afterPhase: 'Retry' });
    return client;
  };
}
