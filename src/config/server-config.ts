import { z } from 'zod';
import { ConfigError } from './config';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const serverEnvSchema = z.object({
  /** Port the server listens on (Bot Framework's local default is 3978). */
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /** Address to listen on. Loopback by default: see MICROSOFT_APP_ID. */
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /**
   * The bot's Entra app id. Without one, the bot accepts unauthenticated calls (the local
   * Agents Playground sends no token), which is only safe on a loopback address.
   */
  MICROSOFT_APP_ID: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().optional()),
  /** Public base URL of the server (tab links, family forms); defaults to http://HOST:PORT. */
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
});

export interface ServerConfig {
  port: number;
  host: string;
  appId: string | undefined;
  publicUrl: string;
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

/**
 * Parses the server's own settings. Refuses to run without a bot app id on anything but a
 * loopback address, because then nothing would check who is calling.
 */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = serverEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = result.data;
  if (!e.MICROSOFT_APP_ID && !isLoopback(e.HOST)) {
    throw new ConfigError([
      `HOST: without MICROSOFT_APP_ID the server accepts unauthenticated calls, so it only listens on a loopback address (127.0.0.1), not ${e.HOST}`,
    ]);
  }
  const hostForUrl = e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST;
  return { port: e.PORT, host: e.HOST, appId: e.MICROSOFT_APP_ID, publicUrl: (e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).replace(/\/$/, '') };
}
