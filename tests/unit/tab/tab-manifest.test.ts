import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_TAB_ENTITY_ID } from '../../../bot/bot-config';
import { pageFor } from '../../../tab/src/tab-pages';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../appPackage/manifest.json'), 'utf8'));

describe("the app manifest's tabs", () => {
  it('has a channel tab whose settings page is the tab\'s configuration page', () => {
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: '${{PUBLIC_URL}}/tab/config', canUpdateConfiguration: true, scopes: ['team', 'groupChat'] }),
    ]);
    expect(pageFor('/tab/config')).toBe('config');
  });

  it('offers the tab in a meeting (side panel and stage), with only the permission stage sharing needs', () => {
    // A meeting's tab lives in its group chat, so the tab needs the groupChat scope.
    expect(manifest.configurableTabs[0].context).toEqual(['channelTab', 'meetingSidePanel', 'meetingStage']);
    expect(manifest.authorization).toEqual({ permissions: { resourceSpecific: [{ name: 'MeetingStage.Write.Chat', type: 'Delegated' }] } });
  });

  it("has the personal Results page the bot's results card links to, and My surveys", () => {
    const tabs = manifest.staticTabs as { entityId: string; contentUrl?: string }[];
    const results = tabs.find((t) => t.entityId === RESULTS_TAB_ENTITY_ID);
    expect(results?.contentUrl).toBe('${{PUBLIC_URL}}/tab/results');
    expect(tabs.find((t) => t.entityId === 'my-surveys')?.contentUrl).toBe('${{PUBLIC_URL}}/tab/personal');
    expect([pageFor('/tab/results'), pageFor('/tab/personal'), pageFor('/tab/')]).toEqual(['results', 'personal', 'results']);
  });
});
