/**
 * Reads the few shapes of infra/*.bicep the infrastructure tests check, without a Bicep
 * compiler: params, outputs, resources, and the web app's appSettings. Each is written in a
 * simple, regular way in the Bicep files; a reader that cannot find what it expects throws.
 */

/** Drops // comments, whole-line or trailing. A // inside 'https://...' follows a colon, not a space, so it stays. */
export const withoutComments = (text: string) => text.replace(/(^|[ \t])\/\/.*$/gm, '');

/** `param name type` lines: each name, and whether it has a default (`= ...`). Decorators sit on lines above. */
export function bicepParams(text: string): Map<string, { hasDefault: boolean }> {
  const matches = text.matchAll(/^param\s+([A-Za-z_]\w*)\s+\w+(\s*=)?/gm);
  return new Map([...matches].map((m) => [m[1]!, { hasDefault: m[2] !== undefined }]));
}

/** `output NAME type = ...` lines. */
export const bicepOutputs = (text: string) => [...text.matchAll(/^output\s+([A-Za-z_]\w*)\s+\w+\s*=/gm)].map((m) => m[1]!);

/** A Bicep value: a 'literal' (unquoted here) or an expression, kept as written. */
export type SettingValue = { literal: string } | { expression: string };

/**
 * The web app's `appSettings: [ ... ]` entries, each written as `name: 'X'` with `value: ...`
 * on the next line. The block ends at the `]` indented like `appSettings:`.
 */
export function appSettings(text: string): Map<string, SettingValue> {
  const block = /^([ \t]*)appSettings:\s*\[\n([\s\S]*?)^\1\]/m.exec(text)?.[2];
  if (block === undefined) throw new Error('infra/azure.bicep has no appSettings: [ ... ] block');
  const entries = [...block.matchAll(/name:\s*'([^']+)'\s*\n\s*value:\s*(.+?)\s*$/gm)];
  // Every name: must have been read, or an entry written another way would go unchecked.
  if (entries.length !== (block.match(/\bname:/g)?.length ?? 0)) {
    throw new Error("write each app setting in infra/azure.bicep as name: 'X' with value: ... on the next line");
  }
  const settings = new Map<string, SettingValue>();
  for (const [, name, raw] of entries) {
    if (settings.has(name!)) throw new Error(`app setting ${name} is set twice`);
    // A string with ${...} in it is worked out at deployment, so it is an expression too.
    const literal = /^'([^']*)'$/.exec(raw!)?.[1];
    settings.set(name!, literal !== undefined && !literal.includes('${') ? { literal } : { expression: raw! });
  }
  return settings;
}

/** A top-level `resource symbol 'Type@version' = ...` and its body, up to the closing brace in column 0. */
export interface BicepResource {
  symbol: string;
  type: string;
  body: string;
}

/** Every top-level resource, by symbol. */
export function bicepResources(text: string): Map<string, BicepResource> {
  const matches = text.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@[^']*'\s*=[^\n]*\n([\s\S]*?)^\}\]?[ \t]*$/gm);
  return new Map([...matches].map((m) => [m[1]!, { symbol: m[1]!, type: m[2]!, body: m[3]! }]));
}

/** `output NAME type = expression` lines, with their expressions. */
export const bicepOutputExpressions = (text: string): Map<string, string> =>
  new Map([...text.matchAll(/^output\s+([A-Za-z_]\w*)\s+\w+\s*=\s*(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));

/** The names of `@secure()` params. */
export const secureParams = (text: string): string[] => [...text.matchAll(/@secure\(\)\s*(?:@.*\s*)*param\s+(\w+)/g)].map((m) => m[1]!);

/** `var name = value` lines, with their values. */
export const bicepVars = (text: string): Map<string, string> => new Map([...text.matchAll(/^var\s+(\w+)\s*=\s*(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
