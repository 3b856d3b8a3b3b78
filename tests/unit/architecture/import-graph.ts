import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The project's import graph, read from the source files themselves (no dependency needed):
 * every `import ... from '...'`, `export ... from '...'`, `import('...')` and `require('...')`
 * of every .ts/.tsx file under the folders asked for. Relative specifiers are resolved to a
 * project path (posix, without extension); package specifiers are kept as they are.
 */

/** The project root: two folders above tests/unit/architecture. */
export const ROOT = resolve(__dirname, '..', '..', '..');

/** One import of one file. */
export interface ImportEdge {
  /** The importing file, relative to the root, posix separators (e.g. `src/app/ports.ts`). */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** A relative import resolved against the root (`src/domain/scoring`), or undefined for a package. */
  target?: string;
  /** True for `import type` / `export type`: erased at run time, but still a dependency of the design. */
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP = new Set(['node_modules', 'dist', '__snapshots__', '.data', 'artefacts']);
// import x from '...'; import type {...} from '...'; export * from '...'; export {a} from '...'
const STATIC = /^\s*(import|export)\s+(type\s+)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm;
// import '...'; (side effects)
const BARE = /^\s*import\s+['"]([^'"]+)['"]/gm;
// import('...'), require('...')
const DYNAMIC = /\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

const posix = (p: string) => p.split(sep).join('/');

/** Every source file under `folder` (relative to the root), recursively. */
export function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(posix(relative(ROOT, path)));
    }
  };
  walk(join(ROOT, folder));
  return out.sort();
}

/** Strips comments so an example in a doc comment is not read as an import. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
}

/** The imports of one file. */
export function importsOf(file: string): ImportEdge[] {
  const text = withoutComments(readFileSync(join(ROOT, file), 'utf8'));
  const edges: ImportEdge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith('.') ? posix(relative(ROOT, resolve(ROOT, dirname(file), specifier))).replace(/\.(js|ts|tsx)$/, '') : undefined;
    edges.push({ from: file, specifier, typeOnly, ...(target !== undefined ? { target } : {}) });
  };
  for (const m of text.matchAll(STATIC)) add(m[3]!, Boolean(m[2]));
  for (const m of text.matchAll(BARE)) add(m[1]!, false);
  for (const m of text.matchAll(DYNAMIC)) add(m[1]!, false);
  return edges;
}

/** Every import of every source file under the given folders. */
export function importsUnder(...folders: string[]): ImportEdge[] {
  return folders.flatMap((folder) => sourceFiles(folder).flatMap(importsOf));
}

/** Whether a resolved target lies in a folder (or is that module). */
export function within(target: string | undefined, folder: string): boolean {
  return target !== undefined && (target === folder || target.startsWith(`${folder}/`));
}

/** A readable line for a failure message. */
export const describe = (e: ImportEdge) => `${e.from} imports '${e.specifier}'`;

/**
 * The cycles among the given files' runtime imports (type-only imports are erased, so they
 * cannot make a module load before its dependency). Returns each cycle once, as its files.
 */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const files = new Set(edges.map((e) => e.from.replace(/\.(ts|tsx|mts)$/, '')));
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly || !e.target) continue;
    const from = e.from.replace(/\.(ts|tsx|mts)$/, '');
    const to = files.has(e.target) ? e.target : files.has(`${e.target}/index`) ? `${e.target}/index` : undefined;
    if (!to) continue;
    graph.set(from, [...(graph.get(from) ?? []), to]);
  }
  const found: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join('|');
        if (!seen.has(key)) {
          seen.add(key);
          found.push(cycle);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}
