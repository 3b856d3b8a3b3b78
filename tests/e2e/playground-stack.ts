import fs from 'node:fs';
import { parseConfig } from '../../src/config/config';
import { azuriteConnectionString } from '../../src/local/azurite-process';
import { DEMO_PERSONAL_CHAT_ID, DEMO_TEAM_ID } from '../../src/local/playground-config';
import { createStorage, type Storage } from '../../src/storage/storage';
import { expectValidCard } from '../support/adaptive-card-validator';
import { buttonData } from '../support/card-buttons';
import { exited, launch, until, type Launched } from '../support/local-launcher';
import type { PlaygroundClient, PostedMessage } from '../support/playground-client';

/** In the demo team's General channel, or in a thread there ("<channel>;messageid=..."). */
export const inTeam = (m: PostedMessage) => m.conversationId === DEMO_TEAM_ID || m.conversationId.startsWith(`${DEMO_TEAM_ID};`);
/** In the demo person's own 1:1 chat with RC Pulse. */
export const inMyChat = (m: PostedMessage) => m.conversationId === DEMO_PERSONAL_CHAT_ID;

/**
 * `npm start` from dist/ with the given environment, once it says READY and the playground is
 * up. npm start carries on without the playground if it fails: say why here rather than time
 * out later.
 */
export async function launchWithPlayground(env: Record<string, string>, readyWithinMs: number): Promise<Launched> {
  const run = launch(env);
  await until(() => run.output().includes('READY'), run.output, readyWithinMs);
  if (!run.output().includes(`Teams, locally  http://localhost:${env.PLAYGROUND_PORT}`)) throw new Error(`the playground did not start:\n${run.output()}`);
  return run;
}

/** Closes the playground client, stops `npm start` as Ctrl-C does, and removes its data folder. */
export async function stopWithPlayground(run: Launched | undefined, pg: { close(): void } | undefined, env: Record<string, string>): Promise<void> {
  pg?.close();
  if (run) {
    run.child.kill('SIGINT');
    await exited(run.child);
  }
  fs.rmSync(env.RC_PULSE_DATA_DIR!, { recursive: true, force: true });
}

/**
 * Delivery that does not depend on when a test runs: no quiet hours, no quiet weekends, and
 * timed work (scheduled openings, invitation checks) looked for twice a second, not every 15 s.
 */
export const PROMPT_DELIVERY_ENV: Readonly<Record<string, string>> = {
  DELIVERY_JOB_POLL_MS: '500',
  DELIVERY_QUIET_HOURS: 'none',
  DELIVERY_QUIET_WEEKENDS: 'false',
};

/** The run's storage, as its server sees it (the stack's Azurite, secret and table prefix). */
export function storageOfStack(env: Record<string, string>): Storage {
  return createStorage(
    parseConfig({
      STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_TABLE_PORT), Number(env.AZURITE_QUEUE_PORT)),
      SECRET_LEDGER_HMAC_KEY: env.SECRET_LEDGER_HMAC_KEY,
      STORAGE_NAME_PREFIX: env.STORAGE_NAME_PREFIX,
    }),
  );
}

type Card = Record<string, unknown>;

/** The first card of a message, checked by the Adaptive Card validator. */
export function cardOf(message: PostedMessage): Card {
  const card = message.cards[0];
  expectValidCard(card);
  return card!;
}

/**
 * Presses a button on the card of `message`, where it was posted (a channel, its thread, or a
 * chat), as the person `fromId`, with the card's inputs; the card that replaces it, checked.
 */
export async function pressOn(pg: PlaygroundClient, fromId: string, message: PostedMessage, card: Card, title: string, inputs: Record<string, unknown> = {}): Promise<Card> {
  const { verb, data } = buttonData(card, title, inputs);
  const next = await pg.invoke(message.conversationId, fromId, message.messageId, verb, data);
  expectValidCard(next);
  return next;
}
