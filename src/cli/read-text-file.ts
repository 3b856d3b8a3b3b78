import { readFile, stat } from 'node:fs/promises';
import { InputError } from './input-error';

/** Largest set-up file read whole (a roster of tens of thousands of people is a few MB). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Reads a small UTF-8 text file (a roster, a list of workgroups) whole. Every problem becomes
 * an InputError naming the file: missing, a folder, too large, or not UTF-8 text.
 */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError(`cannot read ${path}: it is a folder, not a file`);
    if (info.size > MAX_BYTES) throw new InputError(`${path} is larger than 20 MB; is it the right file?`);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot read ${path}: there is no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`cannot read ${path}: permission denied`);
    throw new InputError(`cannot read ${path} (${code ?? 'error'})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path} is not UTF-8 text; save it as "CSV UTF-8" and try again`);
  }
}
