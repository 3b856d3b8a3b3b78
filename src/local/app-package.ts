import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readLocalEnv } from './local-env';

/**
 * Builds the Teams app package (manifest.json with its ${{VAR}} placeholders filled from
 * env/.env.<name>, plus the two icons) into appPackage/build/, checking the manifest
 * against Microsoft's published schema first.
 */

/** The project folder: found from here (src/local) or from the build (dist/src/local). */
function findProjectDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'appPackage'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(__dirname, '..', '..', '..');
}

const projectDir = findProjectDir();
const appPackageDir = path.join(projectDir, 'appPackage');
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** The variables a manifest text asks for. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills ${{VAR}} from env; throws naming every variable that has no value. */
export function fillPlaceholders(text: string, env: Record<string, string | undefined>): string {
  const missing = placeholders(text).filter((v) => !env[v]);
  if (missing.length) throw new Error(`these settings have no value: ${missing.join(', ')} (set them in env/.env.<name>)`);
  // Values go into JSON strings: escape them as JSON would.
  return text.replace(PLACEHOLDER, (_, v: string) => JSON.stringify(env[v]).slice(1, -1));
}

/** Problems the Teams manifest schema finds in a manifest (empty when valid). */
export function manifestProblems(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: string }).manifestVersion;
  const schemaFile = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/**
 * Builds appPackage.<name>.zip (in appPackage/build/ unless `outDir` says otherwise) from the
 * environment's settings, and returns its path.
 */
export function buildAppPackage(envName: string, env = readLocalEnv(projectDir, process.env, envName), outDir = path.join(appPackageDir, 'build')): string {
  const manifestText = fillPlaceholders(fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8'), env);
  const manifest = JSON.parse(manifestText) as unknown;
  const problems = manifestProblems(manifest);
  if (problems.length) throw new Error(`the manifest is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestText));
  for (const icon of ['color.png', 'outline.png']) zip.addLocalFile(path.join(appPackageDir, icon));
  const out = path.join(outDir, `appPackage.${envName}.zip`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  zip.writeZip(out);
  return out;
}

if (require.main === module) {
  const envName = process.argv[2] ?? 'local';
  try {
    const out = buildAppPackage(envName);
    process.stdout.write(`Built ${path.relative(projectDir, out)}: upload it in Teams (Apps > Manage your apps > Upload an app).\n`);
  } catch (err) {
    process.stderr.write(`package:app: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}
