import { dayText } from '../../../src/contract/display-format';
import { CATALOGUE, type InterventionStatusBody } from '../../../src/contract/interventions-contract';
import type { InterventionKind } from '../../../src/domain/intervention-catalogue';
import { INTERVENTION_STATUS_WORDS } from '../../../src/domain/model/intervention';

/** How interventions read in the tab: the domain's own status words, kinds as people say them. */

export const STATUS_WORDS = INTERVENTION_STATUS_WORDS;

/** Board headings: "Proposed", "In progress"... */
export function statusHeading(status: InterventionStatusBody): string {
  const words = STATUS_WORDS[status];
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the button that makes a move says. */
export function moveLabel(to: InterventionStatusBody): string {
  return to === 'proposed' ? 'Propose again' : to === 'dropped' ? 'Drop it' : `Mark as ${STATUS_WORDS[to]}`;
}

export const KIND_WORDS: Record<InterventionKind, string> = { relational: 'relational', work_process: 'work process', structural: 'structural' };

/** "structural (Relational job design)", or the kind alone. */
export function kindText(kind: InterventionKind, catalogueId?: string): string {
  const entry = CATALOGUE.find((c) => c.id === catalogueId);
  return entry ? `${KIND_WORDS[kind]} (${entry.title})` : KIND_WORDS[kind];
}

/** "Monday 1 July 2024" for a day 'YYYY-MM-DD' (read at noon, so no time zone moves it). */
export function dayWords(day: string): string {
  return dayText(`${day}T12:00:00Z`, true);
}
