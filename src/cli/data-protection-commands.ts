import { auditTrail } from '../app/data-protection/audit-trail';
import { deletePulse } from '../app/data-protection/delete-pulse';
import { forgetPerson, FORGOTTEN, type ForgetResult } from '../app/data-protection/forget-person';
import { systemClock } from '../app/ports';
import { auditCsv } from '../domain/audit-csv';
import type { RowCounts } from '../storage/pulse-rows';
import { cliActor } from './cli-actor';
import { openCliStorage } from './cli-storage';
import type { DataProtectionCommand } from './data-protection-args';

/** Where the command writes. */
export interface DataProtectionIo {
  stdout(text: string): void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What forget did, in words: what went, and what stayed and why. */
export function forgetReport(r: ForgetResult): string {
  const x = r.removed;
  const lines = [
    `Forgot one person in ${r.collaborativeId}.`,
    `Removed: ${plural(x.rosterRows, 'roster row')} (with their Teams conversation reference), ${plural(x.ledgerRows, 'ledger row')}, ${plural(x.drafts, 'draft')}, ${plural(x.sendingRows, 'invitation or reminder row')}, ${plural(x.facilitatorRoles, 'facilitator role')}.`,
    `Audit trail: ${plural(x.auditEntriesRedacted, 'entry', 'entries')} that named them now read "${FORGOTTEN}"; this forget is recorded with counts only.`,
    ...(x.transitionChecks > 0 ? [`Transition checks: ${plural(x.transitionChecks, 'check')} that named them keep their roles and figures, under an id that is no one's.`] : []),
    `Kept: ${plural(r.anonymousResponsesKept, 'released anonymous answer')} in ${plural(r.pulses, 'pulse')}. They hold a workgroup, ratings and a day, nothing that identifies anyone, so none of them can be told to be this person's.`,
  ];
  if (r.interventionsNamingThem > 0) {
    lines.push(`Still named in ${plural(r.interventionsNamingThem, 'intervention')} (as an owner, or as the author of a log entry): a facilitator can change the owner in the tab.`);
  }
  return `${lines.join('\n')}\n`;
}

function describeRows(rows: RowCounts): string {
  return Object.entries(rows).map(([table, n]) => `${table} ${n}`).join(', ');
}

/**
 * Runs a data-protection command against the configured storage and writes its result.
 * Throws InputError, ConfigError, StorageUnreachableError or AppError for main to report.
 */
export async function runDataProtectionCommand(command: Exclude<DataProtectionCommand, { kind: 'dp-help' }>, io: DataProtectionIo): Promise<void> {
  const { storage, reach } = await openCliStorage();
  const deps = { storage, clock: systemClock, actor: cliActor() };
  await reach(async () => {
    switch (command.kind) {
      case 'forget':
        io.stdout(forgetReport(await forgetPerson(deps, { collaborativeId: command.collaborativeId, person: command.person })));
        return;
      case 'delete-pulse': {
        const r = await deletePulse(deps, { collaborativeId: command.collaborativeId, pulseId: command.pulseId, confirmed: true });
        io.stdout(`Deleted pulse ${r.pulseId} of ${r.collaborativeId} and its rows (${describeRows(r.rows)}).\n`);
        return;
      }
      case 'audit':
        io.stdout(auditCsv(await auditTrail(storage, { collaborativeId: command.collaborativeId, since: command.since })));
        return;
    }
  });
}
