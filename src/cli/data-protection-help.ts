import type { DataProtectionTopic } from './data-protection-args';

const WHERE = `These commands use the storage named by STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL,
with SECRET_LEDGER_HMAC_KEY and STORAGE_NAME_PREFIX (see "rc-pulse collaborative --help").`;

const EXITS = `Exit codes: 0 done; 2 a problem with what was given (nothing was changed); 1 storage
could not be reached, or something went wrong inside rc-pulse.`;

const TEXT: Record<DataProtectionTopic, string> = {
  forget: `Usage: rc-pulse forget --user UPN|OBJECT_ID --collaborative ID

Forgets one person in a collaborative (the right to erasure). Removes their row on the list
(with their Teams conversation reference), their progress (ledger) and any unfinished answers
in every pulse, the invitations and reminders sent to them, and their facilitator role; the
audit entries that named them then read "[forgotten]". Released answers are kept: they hold
a workgroup, ratings and a day, nothing that identifies anyone. The audit trail records that
someone was forgotten, with counts, never who.

A UPN (or e-mail address) is looked up on the collaborative's list. Someone nobody knows by
that id or name: exit 2, nothing changed.

${WHERE}

${EXITS}`,
  delete: `Usage: rc-pulse delete pulse PULSE_ID --collaborative ID --yes

Deletes a pulse for good: its invitations and reminders, ledger, answers, published figures
and timed work, then the pulse itself. --yes is required. An open pulse is refused: close it
first. Recorded in the audit trail with the number of rows deleted.

${WHERE}

${EXITS}`,
  audit: `Usage: rc-pulse audit --collaborative ID [--since YYYY-MM-DD]

Prints the collaborative's audit trail as CSV, oldest first: exports, settings changes,
pulses opened, reminded and closed, people forgotten, pulses deleted, retention applied.
Columns: at, action, subject, actor_id, actor_name, details (JSON: ids and counts only).

${WHERE}

${EXITS}`,
};

/** The help text of a data-protection command, ending with a line break. */
export function dataProtectionHelpText(topic: DataProtectionTopic): string {
  return `${TEXT[topic]}\n`;
}
