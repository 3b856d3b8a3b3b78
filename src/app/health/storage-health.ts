import type { HealthReport } from './health-report';
import type { Storage } from '../../storage/storage';

/**
 * A health check that proves storage answers: the tables exist (created on first success,
 * so a server started before Azurite recovers by itself) and one read goes through.
 */
export function storageHealth(storage: Storage, timeoutMs = 3000): () => Promise<HealthReport> {
  let tablesReady = false;
  return async () => {
    const probe = async () => {
      if (!tablesReady) {
        await storage.ensureTables();
        tablesReady = true;
      }
      await storage.clients.collaboratives.listEntities().byPage({ maxPageSize: 1 }).next();
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        probe(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      return { ok: true, checks: { storage: 'ok' } };
    } catch {
      return { ok: false, checks: { storage: 'unreachable' } };
    } finally {
      clearTimeout(timer);
    }
  };
}
