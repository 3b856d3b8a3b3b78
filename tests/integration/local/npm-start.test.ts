import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { azuriteConnectionString } from '../../../src/local/azurite-process';
import { DEMO_FACILITATOR_AAD_ID } from '../../../src/app/demo/demo-data';
import { DEMO_TEAM_ID, demoPlaygroundConfig } from '../../../src/local/playground-config';
import { isPortFree } from '../../../src/local/ports';
import { exited, launch as start, launcherEnv, until } from '../../support/local-launcher';

/**
 * `npm start` as a person uses it: the launcher from dist/ (npm start builds first), with
 * its own ports and data folder so it never meets a developer's running copy.
 */

/** The part of the playground's GET /_internal/v1/config the test reads. */
interface PlaygroundSeen {
  currentUser: { name: string; aadObjectId: string };
  teams: { id: string }[];
}

describe('npm start', () => {
  let env: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    env = await launcherEnv('rc-pulse-start-');
    dataDir = env.RC_PULSE_DATA_DIR!;
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const members = async () => {
    const conn = azuriteConnectionString(Number(env.AZURITE_TABLE_PORT), Number(env.AZURITE_QUEUE_PORT));
    const client = TableClient.fromConnectionString(conn, 'rcpulseMembers', { allowInsecureConnection: true });
    let n = 0;
    for await (const _ of client.listEntities()) n++;
    return n;
  };

  it('starts Azurite, seeds the demo and serves /healthz; Ctrl-C stops everything; a second start keeps the data', async () => {
    const first = start(env);
    await until(() => first.output().includes('READY'), first.output);
    const health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { storage: 'ok' } });
    const seeded = await members();
    expect(seeded).toBeGreaterThan(50);

    // The Teams client in the browser, set up with the demo's team and people.
    const playground = `http://localhost:${env.PLAYGROUND_PORT}`;
    expect(first.output()).toContain(`Teams, locally  ${playground}`);
    const config = (await (await fetch(`http://127.0.0.1:${env.PLAYGROUND_PORT}/_internal/v1/config`)).json()) as { config: PlaygroundSeen };
    expect(config.config.currentUser).toMatchObject({ name: demoPlaygroundConfig().currentUser.name, aadObjectId: DEMO_FACILITATOR_AAD_ID });
    expect(config.config.teams.map((t) => t.id)).toEqual([DEMO_TEAM_ID]);
    // It writes its files into the data folder, never into the repository.
    expect(fs.existsSync(path.join(dataDir, 'playground', '.m365agentsplayground.yml'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'playground', 'devTools'))).toBe(true);

    first.child.kill('SIGINT');
    expect(await exited(first.child)).toBe(0);
    for (const port of [env.PORT, env.AZURITE_TABLE_PORT, env.AZURITE_QUEUE_PORT, env.PLAYGROUND_PORT]) expect(await isPortFree(Number(port))).toBe(true);

    const second = start(env);
    await until(() => second.output().includes('READY'), second.output);
    expect(await members()).toBe(seeded);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 120_000);

  it.each([
    ['PORT', 'the RC Pulse server'],
    ['PLAYGROUND_PORT', 'the Agents Playground (Teams in the browser)'],
  ])('says clearly which port is in use (%s), and starts nothing', async (variable, what) => {
    const port = Number(env[variable]);
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    try {
      const run = start(env);
      expect(await exited(run.child)).toBe(1);
      expect(run.output()).toContain(`port ${port}, needed for ${what}, is already in use`);
      expect(run.output()).toContain(variable);
      expect(await isPortFree(Number(env.AZURITE_TABLE_PORT))).toBe(true);
    } finally {
      blocker.close();
    }
  }, 30_000);

  it('recovers after a crash: the next start stops what the crashed one left running', async () => {
    const crashed = start(env);
    await until(() => crashed.output().includes('READY'), crashed.output);
    crashed.child.kill('SIGKILL');
    await exited(crashed.child);
    expect(await isPortFree(Number(env.AZURITE_TABLE_PORT))).toBe(false);
    expect(await isPortFree(Number(env.PLAYGROUND_PORT))).toBe(false);

    const again = start(env);
    await until(() => again.output().includes('READY'), again.output);
    // Azurite's two services, the server and the playground.
    expect(again.output()).toContain('Stopped 4 process(es) left running');
    again.child.kill('SIGINT');
    expect(await exited(again.child)).toBe(0);
    expect(await isPortFree(Number(env.PLAYGROUND_PORT))).toBe(true);
  }, 120_000);
});
