import fs from 'node:fs';
import { DEMO_PERSONAL_CHAT_ID, DEMO_TEAM_ID } from '../../src/local/playground-config';
import { exited, launch, until, type Launched } from '../support/local-launcher';
import type { PostedMessage } from '../support/playground-client';

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
