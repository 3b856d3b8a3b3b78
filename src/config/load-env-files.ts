import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

/**
 * Settings files in the Teams Toolkit way: env/.env.<name> (committed, no secrets), then the
 * ignored env/.env.<name>.user (secrets), then the process's own environment. Each source
 * overrides the one before, so a variable set in the shell always wins over the files.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** What one file says, and the lines it could not read (never quoting a value: some are secrets). */
export interface EnvText {
  values: Record<string, string>;
  problems: string[];
}

/**
 * Reads NAME=value lines. Blank lines and lines starting with # are skipped; "export " before
 * a name is allowed; a value may be "double quoted" (with \n, \t, \" and \\ escapes) or
 * 'single quoted' (taken as it is); an unquoted value ends at " #" (a comment). `file` names
 * the file in problems, e.g. 'env/.env.local line 4: expected NAME=value'.
 */
export function parseEnvText(text: string, file: string): EnvText {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `${file} line ${i + 1}`;
    const statement = line.replace(/^export\s+/, '');
    const eq = statement.indexOf('=');
    const name = eq < 0 ? '' : statement.slice(0, eq).trim();
    if (eq < 0 || !NAME.test(name)) {
      problems.push(`${at}: expected NAME=value, with a name of letters, digits and _`);
      return;
    }
    const value = readValue(statement.slice(eq + 1).trim());
    if (value === undefined) problems.push(`${at}: the value of ${name} has a quote that is not closed on the same line`);
    else values[name] = value;
  });
  return { values, problems };
}

function readValue(text: string): string | undefined {
  const quote = text[0];
  if (quote !== '"' && quote !== "'") {
    const comment = text.search(/\s#/);
    return (comment < 0 ? text : text.slice(0, comment)).trim();
  }
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === quote) {
      const rest = text.slice(i + 1).trim();
      return rest === '' || rest.startsWith('#') ? value : undefined;
    }
    if (quote === '"' && c === '\\' && i + 1 < text.length) {
      const next = text[++i]!;
      value += ESCAPES[next] ?? `\\${next}`;
    } else {
      value += c;
    }
  }
  return undefined;
}

export interface LoadEnvOptions {
  /** The folder holding the files (the project's env/ folder). */
  dir: string;
  /** Which environment: 'local' reads .env.local and .env.local.user. */
  name?: string;
  /** The process's environment; it wins over the files. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The settings for an environment: the files, if present, then `env` (process.env by
 * default) over them. Missing files are fine; a line that cannot be read is not:
 * ConfigError naming each one, so a typo is not silently ignored.
 */
export function loadEnvFiles({ dir, name = 'local', env = process.env }: LoadEnvOptions): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  const problems: string[] = [];
  for (const file of [`.env.${name}`, `.env.${name}.user`]) {
    const full = path.join(dir, file);
    let text: string;
    try {
      text = fs.readFileSync(full, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push(`${path.join(path.basename(dir), file)}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const parsed = parseEnvText(text, path.join(path.basename(dir), file));
    problems.push(...parsed.problems);
    Object.assign(merged, parsed.values);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { ...merged, ...env };
}

/**
 * The project's env/ folder: RC_PULSE_ENV_DIR when set (tests point it elsewhere), else
 * env/ in the folder of rc-pulse's package.json, wherever the command is run from.
 */
export function defaultEnvDir(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.RC_PULSE_ENV_DIR) return path.resolve(env.RC_PULSE_ENV_DIR);
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'env');
    if (path.dirname(dir) === dir) return path.resolve('env');
  }
}
