import { writeFile } from 'node:fs/promises';
import { seedDemo } from '../app/demo/seed-demo';
import { exportResponses } from '../app/export/export-responses';
import { createCollaborative } from '../app/setup/create-collaborative';
import { importRoster } from '../app/setup/import-roster';
import type { ListSummary } from '../app/setup/named-list-plan';
import { RosterFileError } from '../app/setup/roster-file-error';
import { setOrganisations } from '../app/setup/set-organisations';
import { setWorkgroups } from '../app/setup/set-workgroups';
import { systemClock } from '../app/ports';
import { cliActor } from './cli-actor';
import { loadCollaborative } from '../app/setup/setup-context';
import { updateCollaborativeSettings } from '../app/setup/update-collaborative-settings';
import { InstrumentError, parseInstrument, type Instrument } from '../domain/instrument';
import type { Collaborative } from '../domain/model/collaborative';
import { openCliStorage } from './cli-storage';
import { exportPoolNote } from './export-note';
import { InputError } from './input-error';
import { learningExportText } from './learning-command';
import { listEntriesFromArgs, listEntriesFromFile } from './read-list-file';
import { readTextFile } from './read-text-file';
import type { SetupCommand } from './setup-args';

/** Where the command writes. */
export interface SetupIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A collaborative as printed: the instrument (dozens of lines of item wording) by id and name only. */
const shown = (c: Collaborative) => ({ ...c, instrument: { id: c.instrument.id, name: c.instrument.name } });

/**
 * Runs a set-up command against the configured storage and writes its result. Throws
 * InputError, ConfigError, StorageUnreachableError or AppError for main to report.
 */
export async function runSetupCommand(command: Exclude<SetupCommand, { kind: 'setup-help' }>, io: SetupIo): Promise<void> {
  // Files are read before storage is contacted: a wrong file name is reported at once.
  const roster = command.kind === 'roster-import' ? await readTextFile(command.file) : undefined;
  const entries =
    command.kind === 'list-set' ? (command.file ? await listEntriesFromFile(command.file) : listEntriesFromArgs(command.items)) : undefined;
  const { storage, reach } = await openCliStorage();
  const deps = { storage, clock: systemClock, actor: cliActor() };

  await reach(async () => {
    switch (command.kind) {
      case 'collaborative-create':
        io.stdout(json(shown((await createCollaborative(deps, command.input)).value)));
        return;
      case 'collaborative-show': {
        const id = command.collaborativeId;
        const found = await loadCollaborative(storage, id);
        const [organisations, workgroups, members] = await Promise.all([storage.organisations.list(id), storage.workgroups.list(id), storage.members.list(id)]);
        const installed = members.filter((m) => m.installState === 'installed').length;
        io.stdout(json({ collaborative: shown(found.value), organisations, workgroups, members: { total: members.length, installed } }));
        return;
      }
      case 'collaborative-set': {
        const instrument = command.instrumentFile ? await readInstrumentFile(command.instrumentFile) : undefined;
        io.stdout(json(shown((await updateCollaborativeSettings(deps, { ...command.change, instrument })).collaborative.value)));
        return;
      }
      case 'list-set': {
        const id = command.collaborativeId;
        const { items, summary } =
          command.list === 'workgroups'
            ? await setWorkgroups(deps, { collaborativeId: id, workgroups: entries! }).then((r) => ({ items: r.workgroups, summary: r.summary }))
            : await setOrganisations(deps, { collaborativeId: id, organisations: entries! }).then((r) => ({ items: r.organisations, summary: r.summary }));
        const width = Math.max(...items.map((i) => i.id.length));
        io.stdout(`The ${command.list} of ${id} are now:\n${items.map((i) => `  ${i.id.padEnd(width)}  ${i.name}\n`).join('')}${describeSummary(summary)}\n`);
        return;
      }
      case 'roster-import': {
        try {
          const r = await importRoster(deps, { collaborativeId: command.collaborativeId, csv: roster! });
          io.stdout(`Imported ${command.file} into ${command.collaborativeId}: ${r.lines} ${r.lines === 1 ? 'person' : 'people'} (${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged).\n`);
        } catch (error) {
          if (!(error instanceof RosterFileError)) throw error;
          const count = error.lines.length;
          throw new InputError(error.userMessage, [
            ...error.problems.map((p) => `${command.file} ${p}`),
            `nothing was imported; please correct the ${count === 1 ? 'line' : `${count} lines`} above and import the file again`,
          ]);
        }
        return;
      }
      case 'export-responses': {
        const exported = await exportResponses(deps, { pulseId: command.pulseId, collaborativeId: command.collaborativeId });
        io.stderr(exportPoolNote(exported));
        if (!command.out) {
          io.stdout(exported.csv);
          return;
        }
        await writeFile(command.out, exported.csv).catch((error: NodeJS.ErrnoException) => {
          throw new InputError(`cannot write ${command.out} (${error.code ?? 'error'}); is the folder there and may you write to it?`);
        });
        io.stdout(`Wrote the answers of ${exported.respondents} respondents to pulse ${exported.pulseId} to ${command.out}.\n`);
        return;
      }
      case 'export-learning': {
        const text = await learningExportText(storage, deps.actor, command.collaborativeId, command.format);
        if (!command.out) return void io.stdout(text);
        await writeFile(command.out, text).catch((error: NodeJS.ErrnoException) => {
          throw new InputError(`cannot write ${command.out} (${error.code ?? 'error'}); is the folder there and may you write to it?`);
        });
        io.stdout(`Wrote the learning export of ${command.collaborativeId} to ${command.out}.\n`);
        return;
      }
      case 'seed-demo': {
        const { collaborativeId, written } = await seedDemo(deps);
        const total = Object.values(written).reduce((a, b) => a + b, 0);
        io.stdout(
          total === 0
            ? `The demo collaborative ${collaborativeId} was already in place; nothing was changed.\n`
            : `The demo collaborative ${collaborativeId} is ready (written now: ${written.organisations} organisations, ${written.workgroups} workgroups, ${written.members} members, ${written.pulses} closed pulses, ${written.responses} responses).\n`,
        );
        return;
      }
    }
  });
}

function describeSummary(s: ListSummary): string {
  const parts = [
    s.added.length && `added ${s.added.join(', ')}`,
    s.renamed.length && `renamed ${s.renamed.map((r) => r.id).join(', ')}`,
    s.restored.length && `brought back ${s.restored.join(', ')}`,
    s.retired.length && `retired ${s.retired.join(', ')} (kept for the pulses and members that refer to them)`,
    s.deleted.length && `deleted ${s.deleted.join(', ')}`,
  ].filter(Boolean);
  return parts.length ? `Changes: ${parts.join('; ')}.` : 'Nothing needed changing.';
}

/**
 * Reads an instrument file (a collaborative's licensed RC Survey wording). Any wording and
 * labels; the seven dimensions and the 1-5 scores must be as the scoring expects.
 */
async function readInstrumentFile(file: string): Promise<Instrument> {
  const text = await readTextFile(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseInstrument(json);
  } catch (error) {
    if (error instanceof InstrumentError) throw new InputError(`${file}: ${error.problems.join('; ')}`);
    throw error;
  }
}
