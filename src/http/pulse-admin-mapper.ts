import type { PulseAdminEntry, PulseAdminView } from '../app/pulse/pulse-admin-list';
import type { RemindPulseResult } from '../app/pulse/remind-pulse';
import type { ShownCount } from '../app/pulse/reminder-counts';
import type { CardElement } from '../cards/card-types';
import { cancelPulseConfirmCard, type CancelPulseConfirmView } from '../cards/pulse-lifecycle-cards';
import { hiddenAnsweredCounts, type PulseStatusView } from '../cards/pulse-status-card';
import { fewerThan, percent } from '../contract/display-format';
import type { PulseAdminItem, PulseAdminResponse, PulseCancelResponse, PulseProgressBody, PulseResendResponse, ShownCountBody } from '../contract/pulse-admin-contract';
import { MAX_EXTENSIONS } from '../domain/pulse-lifecycle';

/**
 * The facilitators' pulse views as the contract's bodies (src/contract/pulse-admin-contract.ts).
 * Every answered count goes through the status card's own rule (hiddenAnsweredCounts), so the
 * page hides exactly what "pulse status" hides: below k, and a group count that could be
 * worked out from the others. A hidden count leaves the server as null, never as a number.
 */

function shown(n: number, hidden: boolean, k: number, of?: number): ShownCountBody {
  if (hidden) return { n: null, text: fewerThan(k) };
  const share = of === undefined ? undefined : percent(n, of);
  return { n, text: share ? `${n} (${share})` : String(n) };
}

/** Progress of an open or closed pulse, under the k rule. */
export function progressBody(view: PulseStatusView): PulseProgressBody {
  const hidden = hiddenAnsweredCounts(view);
  return {
    invited: view.invited,
    answered: shown(view.answered, hidden.total, view.k, view.invited),
    started: shown(view.started ?? 0, (view.started ?? 0) < view.k, view.k),
    groups: view.workgroups.map((w, i) => ({ name: w.name, invited: w.invited, answered: shown(w.answered, hidden.groups[i] ?? true, view.k, w.invited) })),
  };
}

/** One pulse as listed. */
export function pulseItem(entry: PulseAdminEntry): PulseAdminItem {
  const { pulse } = entry;
  const open = pulse.status === 'open';
  return {
    id: pulse.id,
    name: pulse.title ?? pulse.focalProcess,
    title: pulse.title ?? null,
    focalProcess: pulse.focalProcess,
    status: pulse.status,
    asking: entry.asking,
    rating: entry.rating,
    opensAt: pulse.opensAt ?? null,
    openedAt: pulse.openedAt ?? null,
    closesAt: pulse.closesAt ?? null,
    closedAt: pulse.closedAt ?? null,
    cancelledAt: pulse.cancelledAt ?? null,
    extensions: pulse.extensions ?? 0,
    k: entry.k,
    progress: entry.progress ? progressBody(entry.progress) : null,
    can: {
      edit: pulse.status === 'draft',
      extend: open && (pulse.extensions ?? 0) < MAX_EXTENSIONS,
      resend: open,
      cancel: pulse.status === 'draft' || open,
    },
  };
}

/** The whole page. */
export function pulseAdminBody(view: PulseAdminView): PulseAdminResponse {
  return { collaborativeId: view.collaborativeId, focalProcess: view.focalProcess, workgroups: view.workgroups, pulses: view.pulses.map(pulseItem) };
}

/** The words of a card's body, one line per block (runs joined), its heading left out. */
function cardLines(body: readonly CardElement[]): string[] {
  return body.flatMap((element) => {
    const e = element as { type: string; text?: string; style?: string; inlines?: { text: string }[] };
    if (e.type === 'TextBlock' && e.text && e.style !== 'heading') return [e.text];
    if (e.type === 'RichTextBlock' && e.inlines) return [e.inlines.map((r) => r.text).join('')];
    return [];
  });
}

/**
 * The cancel question in the confirmation card's own words (built from the card itself, so the
 * tab and Teams say the same thing: how many answered under the k rule, and that answers are
 * deleted and nothing is published).
 */
export function cancelConfirmBody(view: CancelPulseConfirmView, collaborativeId: string): Extract<PulseCancelResponse, { kind: 'confirm' }> {
  const card = cancelPulseConfirmCard({ ...view, collaborativeId });
  const confirm = (card.actions ?? [])[0] as { title?: string } | undefined;
  return { kind: 'confirm', pulseId: view.pulseId, focalProcess: view.focalProcess, status: view.status, lines: cardLines(card.body), confirmLabel: confirm?.title ?? 'Yes, cancel it' };
}

function countText(count: ShownCount): string {
  if ('n' in count) return String(count.n);
  if ('fewerThan' in count) return fewerThan(count.fewerThan);
  return 'not shown, so that no small group can be worked out';
}

/** A resend's outcome, its counts worded as a reminder's reply words them. */
export function resendBody(result: RemindPulseResult): PulseResendResponse {
  return { nobodyToRemind: result.nobodyToRemind, resent: countText(result.reminded), failed: countText(result.failed), queued: result.queued, notBefore: result.notBefore ?? null };
}
