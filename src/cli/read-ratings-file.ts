import { createReadStream } from 'node:fs';
import type { RatingMatrix } from '../domain/ratings';
import { RatingsCsvError, RatingsCsvReader } from '../domain/ratings-csv';
import { InputError } from './input-error';
import { concat, firstInvalidUtf8, incompleteTail } from './utf8';

/** Read size: big enough that per-chunk work is negligible, small enough to stay light. */
const CHUNK_BYTES = 1 << 20;

/**
 * Streams a ratings CSV file into a rating matrix, without ever holding the whole file.
 * Every problem with the file (missing, a folder, not UTF-8, any CSV problem) becomes an
 * InputError whose message names the file and, for its content, the line and column.
 */
export async function readRatingsFile(path: string): Promise<RatingMatrix> {
  const reader = new RatingsCsvReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let tail: Uint8Array = new Uint8Array(0);
  try {
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(reader, concat(tail, chunk));
      }
      tail = incompleteTail(tail, chunk);
      reader.push(text);
    }
    let last: string;
    try {
      last = decoder.decode();
    } catch {
      throw notUtf8(reader, tail);
    }
    reader.push(last);
    return reader.end();
  } catch (err) {
    throw describe(path, err);
  }
}

/** A CSV-style error at the first bad byte of `bytes` (the text not yet read, from the decoder's view). */
function notUtf8(reader: RatingsCsvReader, bytes: Uint8Array): RatingsCsvError {
  const bad = firstInvalidUtf8(bytes);
  const at = bad < 0 ? bytes.length : bad;
  // Read the good text before the bad byte, so the reader knows where it stands (this may
  // itself find an earlier CSV problem, which then comes first, as it should).
  reader.push(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at)));
  const where = reader.location();
  const byte = bytes[at];
  const shown = byte === undefined ? 'the file ends in the middle of a character' : `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return new RatingsCsvError(where.line, where.column, where.columnName,
    `the file is not UTF-8 text here (${shown}); save it as "CSV UTF-8" and try again`);
}

function describe(path: string, err: unknown): unknown {
  if (err instanceof RatingsCsvError) return new InputError(`${path} ${err.message}`);
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new InputError(`cannot read ${path}: there is no such file`);
    case 'EISDIR':
      return new InputError(`cannot read ${path}: it is a folder, not a file`);
    case 'EACCES':
    case 'EPERM':
      return new InputError(`cannot read ${path}: permission denied`);
    case undefined:
      return err;
    default:
      return new InputError(`cannot read ${path} (${code})`);
  }
}
