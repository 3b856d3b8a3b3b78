import type restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { storageHealth } from '../src/app/health/storage-health';
import type { CardSender, CardUpdater, Clock } from '../src/app/ports';
import type { ScheduleSettings } from '../src/app/pulse';
import type { AuthConfig } from '../src/config/auth-config';
import { registerApiRoutes, type ApiRoutes } from '../src/http/api-routes';
import { registerFamilyRoutes, type FamilyRouteDeps } from '../src/http/family-routes';
import { mountLegalPages } from '../src/http/legal-pages-route';
import { createServer } from '../src/http/server';
import { mountTabRoutes } from '../src/http/tab-static-route';
import { createJsonLog } from '../src/logging/json-log';
import type { Storage } from '../src/storage/storage';
import { createAdapter } from './adapter';
import type { BotConfig } from './bot-config';
import type { PulseDelivery } from './delivery-setup';
import { createBotDeps } from './bot-deps';
import type { LogLine } from './card-replies';
import { botTokenSource, ConnectorClient } from './connector-client';
import { ProactiveSender } from './proactive-sender';
import { RcPulseBot } from './rc-pulse-bot';
import type { FamilyLinkSettings } from './transition-setup';

/**
 * The whole Teams edge on one restify server: /healthz (from src/http) and the bot's
 * messaging endpoint. The same assembly serves production and the integration tests.
 */

export interface BotAppOptions {
  storage: Storage;
  config: BotConfig;
  log?: LogLine;
  clock?: Clock;
  /** Members asked for per page when recording a team (50 to 500). */
  rosterPageSize?: number;
  /** Sign-in for the tab's /api routes; without it they are not mounted (bot-only tests). */
  auth?: AuthConfig;
  /**
   * Builds the delivery engine over the app's sender: cards then go through the queue at
   * Teams' rate limits. Without it (tools, bot-only tests) cards are sent directly.
   */
  delivery?: (sender: CardSender & CardUpdater) => PulseDelivery;
  /**
   * Family links (SECRET_LINK_KEY, the server's public URL, and for tests the family page's
   * rate limit and how a request's address is read): without a link secret no family page or
   * links are served, and a transition check can be started only with no family links.
   */
  family?: FamilyLinkSettings & Pick<FamilyRouteDeps, 'limit' | 'addressOf'>;
  /** The delivery time zone and quiet hours "pulse schedule" reads times in; UK defaults when not given. */
  schedule?: ScheduleSettings;
}

/** The assembled edge: listen on `server`; the rest is exposed for start-up and tests. */
export interface BotApp {
  server: restify.Server;
  adapter: CloudAdapter;
  /** The proactive sender the use-cases were given (the delivery engine reuses it). */
  sender: ProactiveSender;
  /** The check /healthz runs. */
  health: ReturnType<typeof storageHealth>;
  /** The tab's API, when `auth` was given. */
  api?: ApiRoutes;
  /** The delivery engine, when one was asked for: start() it once the server listens. */
  delivery?: PulseDelivery;
}

/** Builds the server, the adapter, the bot and the sender, and mounts POST /api/messages. */
export function createBotApp(options: BotAppOptions): BotApp {
  const log = options.log ?? createJsonLog().line;
  const health = storageHealth(options.storage);
  // A server that trusts whoever connects (development sign-in, or a bot with no app id, as
  // the local Teams client needs) answers only requests addressed to this computer.
  const server = createServer({ health, log, loopbackHostsOnly: options.auth?.mode === 'development' || !options.config.appId });
  const adapter = createAdapter(options.config, log);
  const sender = new ProactiveSender(new ConnectorClient({ token: botTokenSource(options.config) }));
  const delivery = options.delivery?.(sender);
  const deps = createBotDeps({
    storage: options.storage,
    sender,
    ...(delivery ? { deliver: delivery.deliver, scheduler: delivery.scheduler } : {}),
    tabUrl: options.config.tabUrl,
    ...(options.family ? { familyLinks: options.family } : {}),
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rosterPageSize ? { rosterPageSize: options.rosterPageSize } : {}),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  const bot = new RcPulseBot(deps);
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  mountTabRoutes(server, { clientId: options.auth?.entra?.clientId });
  mountLegalPages(server);
  const clock = options.clock ? { clock: options.clock } : {};
  // A check closed from the tab also refreshes its card in Teams (announce).
  const { deliver, familyLinks, announce } = deps.transitions.deps;
  const transitions = { deliver, familyLinks, ...(announce ? { announce } : {}) };
  const linkKey = options.family?.linkKey;
  const family = linkKey ? { family: { linkKey, publicUrl: options.family!.publicUrl } } : {};
  const api = options.auth ? registerApiRoutes(server, { storage: options.storage, auth: options.auth, log, transitions, ...family, ...clock }) : undefined;
  if (linkKey) {
    // A family's answer may be a check's last one: then it closes, and its card shows the figures.
    registerFamilyRoutes(server, { storage: options.storage, log, ...clock, ...options.family, linkKey, transitionAnswered: (scope) => deps.transitions.seats.answered(scope) });
  }
  return { server, adapter, sender, health, ...(api ? { api } : {}), ...(delivery ? { delivery } : {}) };
}
