/**
 * Ids made from names, e.g. "Mother and baby unit clinical team" ->
 * "mother-and-baby-unit-clinical-team". Readable in storage, URLs and CSV files; ids are
 * chosen once and never follow a later rename.
 */

const MAX_ID = 64;

/** The id a name suggests: lower-case letters and digits joined by '-', at most 64 characters. */
export function idFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.slice(0, MAX_ID).replace(/-+$/g, '');
  return cut === '' ? 'item' : cut;
}

/** The first of `base`, `base-2`, `base-3`, ... that is not taken (at most 64 characters). */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID - suffix.length).replace(/-+$/g, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
