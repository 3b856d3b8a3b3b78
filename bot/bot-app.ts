import type restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import { storageHealth } from '../src/app/health/storage-health';
import type { Clock } from '../src/app/ports';
import { createServer } from '../src/http/server';
import type { Storage } from '../src/storage/storage';
import { createAdapter } from './adapter';
import type { BotConfig } from './bot-config';
import { createBotDeps } from './bot-deps';
import type { LogLine } from './card-replies';
import { ProactiveSender } from './proactive-sender';
import { RcPulseBot } from './rc-pulse-bot';

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
}

/** The assembled edge: listen on `server`; the rest is exposed for start-up and tests. */
export interface BotApp {
  server: restify.Server;
  adapter: CloudAdapter;
  /** The proactive sender the use-cases were given (the delivery engine reuses it). */
  sender: ProactiveSender;
  /** The check /healthz runs. */
  health: ReturnType<typeof storageHealth>;
}

/** Builds the server, the adapter, the bot and the sender, and mounts POST /api/messages. */
export function createBotApp(options: BotAppOptions): BotApp {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const health = storageHealth(options.storage);
  const server = createServer({ health, log });
  const adapter = createAdapter(options.config, log);
  const sender = new ProactiveSender(adapter, options.config.appId, options.storage.members);
  const deps = createBotDeps({
    storage: options.storage,
    sender,
    tabUrl: options.config.tabUrl,
    log,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.rosterPageSize ? { rosterPageSize: options.rosterPageSize } : {}),
  });
  const bot = new RcPulseBot(deps);
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return { server, adapter, sender, health };
}
