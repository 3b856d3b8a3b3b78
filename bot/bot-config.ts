import { z } from 'zod';
import { ConfigError } from '../src/config/config';
import type { ServerConfig } from '../src/config/server-config';

/**
 * The bot's own settings, checked once at start-up with the server's: how it proves who it
 * is to the Bot Connector, and where the results tab is. The app id comes from the server
 * configuration (MICROSOFT_APP_ID), which already refuses a non-loopback address without one.
 */

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const botEnvSchema = z.object({
  /** The app registration's client secret (a secret: env/.env.*.user or Key Vault, never committed). */
  SECRET_MICROSOFT_APP_PASSWORD: z.preprocess(blank, z.string().optional()),
  /** SingleTenant (the default when a tenant id is set), MultiTenant, or UserAssignedMSI. */
  MICROSOFT_APP_TYPE: z.preprocess(blank, z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional()),
  /** The app registration's tenant (needed for SingleTenant and UserAssignedMSI). */
  MICROSOFT_APP_TENANT_ID: z.preprocess(blank, z.guid('must be a GUID').optional()),
  /** The Teams app id from the manifest, for the deep link to the results tab. */
  TEAMS_APP_ID: z.preprocess(blank, z.string().trim().optional()),
  /** Overrides the results tab link (it must be https for the card to show its button). */
  RESULTS_TAB_URL: z.preprocess(blank, z.url().optional()),
});

/** The bot's settings, checked. */
export interface BotConfig {
  /** Empty when none is set: the bot then accepts unauthenticated calls (loopback only). */
  appId: string;
  appPassword?: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  /** Deep link to the results tab, put on results cards. */
  tabUrl: string;
}

/** The entity id the results tab will have in the manifest. */
export const RESULTS_TAB_ENTITY_ID = 'results';

/**
 * Parses the bot's settings. With an app id, a way to get tokens is required too (a secret,
 * or a managed identity), or every reply would fail at the first message.
 */
export function parseBotConfig(env: Record<string, string | undefined>, server: Pick<ServerConfig, 'appId' | 'publicUrl'>): BotConfig {
  const result = botEnvSchema.safeParse(env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = result.data;
  const appType = e.MICROSOFT_APP_TYPE ?? (e.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant');
  const problems: string[] = [];
  if (server.appId && appType !== 'UserAssignedMSI' && !e.SECRET_MICROSOFT_APP_PASSWORD) {
    problems.push('SECRET_MICROSOFT_APP_PASSWORD: is needed with MICROSOFT_APP_ID, or the bot cannot reply (or set MICROSOFT_APP_TYPE=UserAssignedMSI)');
  }
  if (server.appId && appType !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) {
    problems.push(`MICROSOFT_APP_TENANT_ID: is needed when MICROSOFT_APP_TYPE is ${appType}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const tabUrl =
    e.RESULTS_TAB_URL ??
    (e.TEAMS_APP_ID ? `https://teams.microsoft.com/l/entity/${encodeURIComponent(e.TEAMS_APP_ID)}/${RESULTS_TAB_ENTITY_ID}` : `${server.publicUrl}/tab/results`);
  return {
    appId: server.appId ?? '',
    ...(e.SECRET_MICROSOFT_APP_PASSWORD ? { appPassword: e.SECRET_MICROSOFT_APP_PASSWORD } : {}),
    appType,
    ...(e.MICROSOFT_APP_TENANT_ID ? { appTenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
    tabUrl,
  };
}
