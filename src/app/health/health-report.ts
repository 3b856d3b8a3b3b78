/**
 * What a health check says: whether the server can serve, and each dependency's state
 * ('ok', or a short word for what is wrong). The HTTP edge turns it into /healthz.
 */
export interface HealthReport {
  ok: boolean;
  checks: Record<string, 'ok' | string>;
}
