/**
 * Where the tab is running and what Teams tells it: inside Teams (channel tab, personal tab,
 * configuration page) or in a plain browser (local development and the browser tests).
 * Everything the rest of the tab needs from @microsoft/teams-js' app namespace goes through here.
 */

import { hashForSubPage } from './sub-page';

export type HostTheme = 'default' | 'dark' | 'contrast';

export interface TeamsInfo {
  /** The team's thread id (19:...@thread.tacv2), which the bot stores when it is installed. */
  teamId?: string;
  teamName?: string;
  channelName?: string;
  /** Entra tenant of the signed-in person. */
  tenantId?: string;
}

export interface Host {
  kind: 'teams' | 'browser';
  theme: HostTheme;
  teams: TeamsInfo;
  /** Called by Teams when the person changes theme (never outside Teams). */
  onThemeChange(handler: (theme: HostTheme) => void): void;
  /** Tells Teams the tab has drawn its first meaningful content (hides Teams' own spinner). */
  loaded(): void;
}

/** How long to wait for Teams to answer before treating the page as a plain browser tab. */
const INITIALISE_TIMEOUT_MS = 6000;

/**
 * A page is hosted by Teams when it is framed (web and desktop), opened by Teams (pop-ups),
 * or running in the mobile apps' web view. A plain browser tab is none of these, and there
 * app.initialize() would wait for an answer that never comes.
 */
function looksHosted(): boolean {
  const w = window as Window & { nativeInterface?: unknown };
  return window.parent !== window || Boolean(window.opener) || Boolean(w.nativeInterface);
}

function asTheme(value: string | undefined): HostTheme {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

/** The theme outside Teams: ?theme=dark|contrast, else the system's preference. */
function browserTheme(): HostTheme {
  const asked = new URLSearchParams(window.location.search).get('theme');
  if (asked) return asTheme(asked);
  if (window.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  if (window.matchMedia?.('(prefers-color-scheme: dark)').matches) return 'dark';
  return 'default';
}

const browserHost = (): Host => ({
  kind: 'browser',
  theme: browserTheme(),
  teams: {},
  onThemeChange: () => undefined,
  loaded: () => undefined,
});

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('Teams did not answer')), ms));
}

function followSubPage(subPageId: string | undefined): void {
  const hash = hashForSubPage(subPageId, window.location.hash);
  if (hash) window.history.replaceState(null, '', hash);
}

/**
 * Initialises @microsoft/teams-js when the page is hosted, and reads the context: team,
 * channel, tenant and theme. Outside Teams (or when Teams does not answer) it returns a
 * browser host, so the tab still works for local use. teams-js is loaded only when hosted:
 * a plain browser neither downloads it nor lets it fetch Teams' list of domains.
 */
export async function connectHost(): Promise<Host> {
  if (!looksHosted()) return browserHost();
  try {
    const { app } = await import('@microsoft/teams-js');
    await Promise.race([app.initialize(), timeout(INITIALISE_TIMEOUT_MS)]);
    const context = await app.getContext();
    followSubPage(context.page?.subPageId);
    return {
      kind: 'teams',
      theme: asTheme(context.app.theme),
      teams: {
        ...(context.team?.internalId ? { teamId: context.team.internalId } : {}),
        ...(context.team?.displayName ? { teamName: context.team.displayName } : {}),
        ...(context.channel?.displayName ? { channelName: context.channel.displayName } : {}),
        ...(context.user?.tenant?.id ? { tenantId: context.user.tenant.id } : {}),
      },
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme))),
      loaded: () => app.notifySuccess(),
    };
  } catch {
    // Framed by something that is not Teams (a preview, a test page): behave as a browser tab.
    return browserHost();
  }
}
