import type { Host } from './teams-host';

/**
 * Sharing "Talk it through" to a Teams meeting's stage. Everything from teams-js' meeting
 * namespace goes through here. Teams offers stage sharing only from the meeting's side panel
 * (or the stage itself), and only when the app's manifest grants it (meetingStage context and
 * the MeetingStage.Write.Chat permission); getAppContentStageSharingCapabilities says whether
 * this person's copy of the app may share. Outside a meeting there is nothing to offer.
 */

export interface StageSharing {
  /** Shows `url` on the meeting's stage for everyone in the meeting. */
  share(url: string): Promise<void>;
}

/** Stage sharing when this tab runs in a meeting that allows it; undefined anywhere else. */
export async function stageSharing(host: Host): Promise<StageSharing | undefined> {
  if (host.kind !== 'teams') return undefined;
  try {
    const { app, meeting } = await import('@microsoft/teams-js');
    const context = await app.getContext();
    const frame = context.page.frameContext;
    if (!context.meeting?.id || (frame !== 'sidePanel' && frame !== 'meetingStage')) return undefined;
    const allowed = await new Promise<boolean>((resolve) =>
      meeting.getAppContentStageSharingCapabilities((error, capabilities) => resolve(!error && capabilities?.doesAppHaveSharePermission === true)),
    );
    if (!allowed) return undefined;
    return {
      share: (url) =>
        new Promise<void>((resolve, reject) =>
          meeting.shareAppContentToStage((error, result) => (error || !result ? reject(new Error('Teams did not share the view to the stage')) : resolve()), url),
        ),
    };
  } catch {
    // An older Teams client without these calls: the button simply is not offered.
    return undefined;
  }
}

/** Whether the address asks for the meeting stage's layout (?stage=1): full screen, larger type, no navigation. */
export function isStageLayout(search = window.location.search): boolean {
  return new URLSearchParams(search).get('stage') === '1';
}
