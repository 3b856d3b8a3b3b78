import type { Host } from './teams-host';

/** What the channel tab is saved with: its id and the address Teams will load. */
export interface ChannelTabSettings {
  entityId: string;
  contentUrl: string;
  suggestedDisplayName: string;
}

/** The channel tab's settings for a collaborative: the results page with that collaborative. */
export function channelTabSettings(collaborativeId: string, origin = window.location.origin): ChannelTabSettings {
  const contentUrl = `${origin}/tab/?collaborative=${encodeURIComponent(collaborativeId)}`;
  return { entityId: `rc-results-${collaborativeId}`, contentUrl, suggestedDisplayName: 'RC results' };
}

/**
 * Wires the configuration page to Teams: Save is enabled once a collaborative is chosen, and
 * saving stores the tab's settings. Returns a function to call when the choice changes.
 * Outside Teams it does nothing (the page then only previews the choice).
 */
export async function connectConfigPage(host: Host, current: () => string | undefined): Promise<(chosen: string | undefined) => void> {
  if (host.kind !== 'teams') return () => undefined;
  const { pages } = await import('@microsoft/teams-js');
  pages.config.registerOnSaveHandler((save) => {
    const id = current();
    if (!id) {
      save.notifyFailure('Please choose a collaborative.');
      return;
    }
    const settings = channelTabSettings(id);
    pages.config
      .setConfig({ ...settings, websiteUrl: settings.contentUrl })
      .then(() => save.notifySuccess())
      .catch(() => save.notifyFailure('The tab could not be saved. Please try again.'));
  });
  return (chosen) => pages.config.setValidityState(Boolean(chosen));
}
