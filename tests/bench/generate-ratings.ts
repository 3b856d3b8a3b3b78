import { closeSync, openSync, writeSync } from 'node:fs';
import { seededRandom } from '../../src/app/demo/demo-data';
import { DIMENSIONS } from '../../src/domain/instrument';

/** Fifteen workgroups of a perinatal mental health provider collaborative. */
export const WORKGROUPS = [
  'Mother and baby unit',
  'Community perinatal team',
  'Maternity (midwifery)',
  'Obstetrics',
  'Health visiting',
  'GP practices',
  'Adult community mental health',
  'Crisis resolution and home treatment',
  'Children\'s social care',
  'Adult social care',
  'Psychology and psychotherapy',
  'Pharmacy',
  'Peer support workers',
  'Voluntary sector partners',
  'Liaison psychiatry',
] as const;

export interface GenerateOptions {
  /** Number of respondents; each rates all 15 workgroups on the 7 items. */
  respondents: number;
  /** Seed of the random numbers: the same seed gives the same file, byte for byte. */
  seed?: number;
  /** Share of single items left unanswered (default 0.06). */
  missingRate?: number;
  /** Share of targets a respondent does not work with at all: all 7 items empty (default 0.08). */
  notApplicableRate?: number;
  /** Start of every respondent id (default "r"), so that blocks can be made distinct. */
  idPrefix?: string;
  /** Whether to write the header line first (default true). */
  header?: boolean;
}

/** mulberry32, the same seeded generator the demo data uses. */
export const random = seededRandom;

/**
 * Writes a realistic ratings CSV (header, then 15 x 7 lines per respondent, some answers
 * missing) through `write`, in pieces of about 1 MB. Ties differ in strength (about 2.8 to
 * 4.6), respondents differ a little, and each answer is noisy, so every figure varies.
 * Returns the number of rating lines.
 */
export function generateRatingsCsv(options: GenerateOptions, write: (chunk: string) => void): number {
  const next = random(options.seed ?? 20240601);
  const missingRate = options.missingRate ?? 0.06;
  const notApplicableRate = options.notApplicableRate ?? 0.08;
  const groups = WORKGROUPS.length;
  const tieMean = Array.from({ length: groups * groups }, (_, i) =>
    Math.floor(i / groups) === i % groups ? 4.3 : 2.8 + 1.8 * next());
  const width = String(options.respondents).length + 1;
  const idPrefix = options.idPrefix ?? 'r';
  const parts: string[] = options.header === false ? [] : ['respondent,workgroup,target,dimension,score\n'];
  let size = parts[0]?.length ?? 0;
  let lines = 0;
  for (let r = 0; r < options.respondents; r++) {
    const id = `${idPrefix}${String(r + 1).padStart(width, '0')}`;
    const own = Math.floor(next() * groups);
    const prefix = `${id},${quote(WORKGROUPS[own]!)},`;
    const leniency = (next() - 0.5) * 0.8;
    for (let t = 0; t < groups; t++) {
      const target = `${prefix}${quote(WORKGROUPS[t]!)},`;
      const notApplicable = next() < notApplicableRate;
      for (const dimension of DIMENSIONS) {
        let score = '';
        if (!notApplicable && next() >= missingRate) {
          const x = tieMean[own * groups + t]! + leniency + (next() + next() + next() - 1.5) * 1.2;
          score = String(Math.min(5, Math.max(1, Math.round(x))));
        }
        const line = `${target}${dimension},${score}\n`;
        parts.push(line);
        size += line.length;
        lines++;
      }
    }
    if (size > 1 << 20) {
      write(parts.join(''));
      parts.length = 0;
      size = 0;
    }
  }
  if (parts.length > 0) write(parts.join(''));
  return lines;
}

/** Writes the generated CSV to `path`; returns the number of rating lines. */
export function writeRatingsCsvFile(path: string, options: GenerateOptions): number {
  const fd = openSync(path, 'w');
  try {
    return generateRatingsCsv(options, (chunk) => writeSync(fd, chunk));
  } finally {
    closeSync(fd);
  }
}

/** RFC 4180 quoting, only where needed (an apostrophe needs none). */
function quote(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
