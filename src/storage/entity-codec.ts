import type { TableEntity } from '@azure/data-tables';
import type { z } from 'zod';
import { withoutRespondentKeys, type EntityKeys } from './keys/key-rules';
import { StorageError } from './storage-errors';

/**
 * Largest string kept in one property. Azure allows 64 KiB of UTF-16 (32,768 characters);
 * longer JSON is split across `name`, `name__1`, `name__2`, ... (an entity may hold 1 MiB).
 */
const CHUNK_CHARS = 30_000;
const CHUNK_SEPARATOR = '__';
const METADATA = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp']);

/** Turns one kind of domain object into table entities and back, checking what it reads. */
export interface EntityCodec<T> {
  /** Names the kind of row in messages, e.g. 'pulse'. */
  readonly what: string;
  toEntity(keys: EntityKeys, value: T): TableEntity;
  /** Parses a row read back; throws StorageError('corrupt_row') when it breaks the model. */
  fromEntity(row: Record<string, unknown>): T;
}

function splitJson(text: string): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK_CHARS, text.length);
    // Never cut between the two halves of a surrogate pair: each half alone is not valid text.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks.length > 0 ? chunks : [''];
}

function joinJson(row: Record<string, unknown>, name: string): unknown {
  let text = '';
  for (let i = 0; ; i++) {
    const part = row[i === 0 ? name : `${name}${CHUNK_SEPARATOR}${i}`];
    if (part === undefined) break;
    if (typeof part !== 'string') return part; // let the schema report it
    text += part;
  }
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * A codec driven by a zod schema: scalar fields become properties of their own (readable and
 * filterable in Storage Explorer), fields listed in `json` are stored as JSON text. Undefined
 * fields are not stored, so optional fields round-trip as absent.
 */
export function entityCodec<S extends z.ZodType<Record<string, unknown>>>(
  what: string,
  schema: S,
  json: readonly (keyof z.output<S> & string)[] = [],
): EntityCodec<z.output<S>> {
  const jsonFields = new Set<string>(json);
  return {
    what,
    toEntity(keys, value) {
      const entity: TableEntity = { partitionKey: keys.partitionKey, rowKey: keys.rowKey };
      for (const [name, v] of Object.entries(value)) {
        if (v === undefined) continue;
        if (jsonFields.has(name)) {
          splitJson(JSON.stringify(v)).forEach((chunk, i) => {
            entity[i === 0 ? name : `${name}${CHUNK_SEPARATOR}${i}`] = chunk;
          });
        } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
          entity[name] = v;
        } else {
          throw new Error(`${what}.${name} is not a string, number or boolean: list it as a JSON field`);
        }
      }
      return entity;
    },
    fromEntity(row) {
      const where = withoutRespondentKeys(`${what} ${String(row.partitionKey)}/${String(row.rowKey)}`);
      const candidate: Record<string, unknown> = {};
      try {
        for (const [name, v] of Object.entries(row)) {
          if (METADATA.has(name) || name.startsWith('odata.') || name.includes(CHUNK_SEPARATOR)) continue;
          candidate[name] = jsonFields.has(name) ? joinJson(row, name) : v;
        }
      } catch (error) {
        throw new StorageError('corrupt_row', `${where}: stored JSON does not parse`, error);
      }
      const parsed = schema.safeParse(candidate);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
        throw new StorageError('corrupt_row', `${where} does not match the model: ${problems}`, parsed.error);
      }
      return parsed.data;
    },
  };
}
