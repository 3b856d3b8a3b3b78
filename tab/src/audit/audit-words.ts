/* Pure: no DOM, so unit tests can check it. */
import type { AuditEntryBody } from '../../../src/contract/audit-contract';

/** What an action means, in plain words; an action not listed reads as its own name. */
const ACTIONS: Record<string, string> = {
  'collaborative.created': 'Collaborative created',
  'collaborative.settings_changed': 'Settings changed',
  'workgroups.set': 'Workgroups set',
  'organisations.set': 'Organisations set',
  'roster.imported': 'List of people imported',
  'pulse.scheduled': 'Pulse scheduled',
  'pulse.edited': 'Scheduled pulse changed',
  'pulse.open_delayed': 'Opening delayed (another pulse asks the same people)',
  'pulse.opened': 'Pulse opened',
  'pulse.extended': 'Closing date moved later',
  'pulse.resent': 'Survey card sent again',
  'pulse.cancelled': 'Pulse cancelled',
  'pulse.reminded': 'Reminder sent',
  'pulse.closed': 'Pulse closed',
  'pulse.deleted': 'Pulse deleted',
  'figures.exported': 'Figures exported',
  'family_links.issue': 'Family links handed out',
  'transition.started': 'Transition check started',
  'transition.closed': 'Transition check closed',
  'transition.family_deleted': "A transition check's family answers deleted (retention)",
  'intervention.created': 'Intervention recorded',
  'intervention.changed': 'Intervention changed',
  'intervention.update_added': 'Intervention update added',
  'teams.personal_installed': 'RC Pulse added in a personal chat',
  'responses.exported': 'Anonymised responses exported',
  'learning.exported': 'What we learnt exported',
  'person.forgotten': 'A person was forgotten',
  'retention.applied': 'Old data deleted (retention)',
  'demo.seeded': 'Demo data written',
};

/** The plain-words name of an action, e.g. 'pulse.closed' -> 'Pulse closed'. */
export function actionText(action: string): string {
  return ACTIONS[action] ?? action;
}

/** Who did it: their name, else 'RC Pulse' for timed work, 'Command line' for rc-pulse, else their id. */
export function actorText(entry: Pick<AuditEntryBody, 'actorId' | 'actorName'>): string {
  if (entry.actorName) return entry.actorName;
  if (entry.actorId === 'system') return 'RC Pulse';
  if (entry.actorId === 'cli') return 'Command line';
  return entry.actorId;
}

/** An entry's details as short "name: value" parts (ids and counts; objects as compact JSON). */
export function detailParts(details: AuditEntryBody['details']): string[] {
  if (!details) return [];
  return Object.entries(details).map(([key, value]) => `${key.replace(/_/g, ' ')}: ${typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)}`);
}
