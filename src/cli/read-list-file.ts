import { listEntrySchema, type ListEntry } from '../app/setup/named-list-plan';
import { CsvSyntaxError, parseCsv } from '../domain/csv';
import { InputError } from './input-error';
import { readTextFile } from './read-text-file';

const ID_AND_NAME = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})=(.*)$/s;

/**
 * Reads list arguments: "Name" (its id is made from the name, or it matches an item of that
 * name) or "id=Name" (the item with that id, renamed if need be). InputError naming the
 * argument at fault.
 */
export function listEntriesFromArgs(args: readonly string[]): ListEntry[] {
  return args.map((arg, i) => {
    const pair = ID_AND_NAME.exec(arg);
    const entry = pair ? { id: pair[1]!, name: pair[2]! } : { name: arg };
    return checked(entry, `item ${i + 1} ("${arg}")`);
  });
}

const HEADER_ERROR = 'the header must be name, or id,name (in any order)';

/**
 * Reads a list from a CSV file with a header: a name column, and an optional id column
 * (give the id to rename an item). InputError naming the file, line and column at fault.
 */
export async function listEntriesFromFile(path: string): Promise<ListEntry[]> {
  const text = await readTextFile(path);
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new InputError(`${path} ${error.message}`);
    throw error;
  }
  const header = records.shift();
  const names = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const nameAt = names.indexOf('name');
  const idAt = names.indexOf('id');
  if (!header || nameAt < 0 || names.some((n) => n !== 'name' && n !== 'id') || new Set(names).size !== names.length) {
    throw new InputError(`${path} line ${header?.line ?? 1}: ${HEADER_ERROR}`);
  }
  return records.map((r) => {
    if (r.fields.length !== names.length) throw new InputError(`${path} line ${r.line}: expected ${names.length} values, found ${r.fields.length}`);
    const id = idAt >= 0 && r.fields[idAt] !== '' ? r.fields[idAt] : undefined;
    return checked({ id, name: r.fields[nameAt]! }, `${path} line ${r.line}`);
  });
}

function checked(entry: { id?: string; name: string }, where: string): ListEntry {
  const parsed = listEntrySchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new InputError(`${where}: ${issue.path[0] === 'id' ? `the id ${issue.message}` : issue.message}`);
}
