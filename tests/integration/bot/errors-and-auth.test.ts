import { parseBotConfig } from '../../../bot/bot-config';
import { ConfigError } from '../../../src/config/config';
import type { Storage } from '../../../src/storage/storage';
import { aUser, personalChatId } from '../../support/bot-client';
import { testStorage } from '../../support/test-storage';
import { checkedInvokeCard, lastCardIn, startBot, TENANT, textOf, type BotHarness } from './bot-harness';

jest.setTimeout(20_000);

const SECRET_DETAIL = 'database exploded at /srv/rc-pulse/secret-path.ts:42';

/** The same storage, except that one method of one repository throws a plain (non-product) error. */
function breaking<K extends keyof Storage>(storage: Storage, repository: K, method: string): Storage {
  const broken = Object.create(storage[repository] as object) as Record<string, unknown>;
  broken[method] = async () => {
    throw new TypeError(SECRET_DETAIL);
  };
  return { ...storage, [repository]: broken } as Storage;
}

describe('when a turn fails', () => {
  let h: BotHarness;
  beforeAll(async () => {
    const storage = await testStorage();
    h = await startBot({ storage: breaking(breaking(storage, 'collaboratives', 'list'), 'pulses', 'find') });
  });
  afterAll(() => h.stop());

  it('sends the person a short, kind card with a reference code, and logs the detail with the same reference but no stack', async () => {
    const user = aUser(TENANT, 'Una Lucky');
    const res = await h.client.message(user, 'my data');
    expect(res.status).toBe(200);
    const card = textOf(lastCardIn(h, personalChatId(user)));
    expect(card).toContain('Sorry, that did not work');
    expect(card).toContain('Something went wrong on our side');
    const reference = /"text":"([0-9a-f]{8})"/.exec(card)?.[1];
    expect(reference).toBeDefined();
    for (const leak of ['exploded', 'secret-path', 'TypeError', '    at ']) expect(card).not.toContain(leak);
    const line = h.logs.find((l) => l.includes(reference!));
    expect(line).toMatch(/^error [0-9a-f]{8} bot message: internal: TypeError: database exploded/);
    expect(h.logs.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('answers a card button with the error card in place of the card', async () => {
    const user = aUser(TENANT, 'Ivo Invoker');
    const card = textOf(checkedInvokeCard(await h.client.invoke(user, 'survey.resume', { pulseId: 'p1-abcdef12' })));
    expect(card).toContain('Sorry, that did not work');
    expect(card).not.toContain('exploded');
  });
});

describe('authentication', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBot({ config: { appId: '9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b', appPassword: 'not-a-real-secret', appType: 'MultiTenant' } });
  });
  afterAll(() => h.stop());

  it('answers 401 to a call without a Bot Framework token when an app id is configured, and does nothing', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const user = aUser(TENANT, 'Mal Lory');
      const res = await h.client.message(user, 'help');
      expect(res.status).toBe(401);
      const forged = await h.client.post({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: h.connector.url, from: { id: user.id }, conversation: { id: 'x' }, recipient: { id: 'b' } }, 'Bearer');
      expect(forged.status).toBe(401);
      expect(h.connector.calls).toEqual([]);
    } finally {
      errors.mockRestore();
    }
  });

  it('refuses to start with an app id but no way to get tokens', () => {
    expect(() => parseBotConfig({}, { appId: 'some-app', publicUrl: 'https://x.example' })).toThrow(ConfigError);
    expect(() => parseBotConfig({ SECRET_MICROSOFT_APP_PASSWORD: 's', MICROSOFT_APP_TYPE: 'SingleTenant' }, { appId: 'some-app', publicUrl: 'https://x.example' })).toThrow(
      /MICROSOFT_APP_TENANT_ID/,
    );
    expect(parseBotConfig({ TEAMS_APP_ID: 'abc' }, { appId: undefined, publicUrl: 'http://127.0.0.1:3978' })).toMatchObject({
      appId: '',
      tabUrl: 'https://teams.microsoft.com/l/entity/abc/results',
    });
  });
});
