import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from '../../bot/commands/command-list';
import { fillPlaceholders, manifestProblems, placeholders } from '../../src/local/app-package';

const appPackage = path.resolve(__dirname, '..', '..', 'appPackage');
const manifestText = fs.readFileSync(path.join(appPackage, 'manifest.json'), 'utf8');
const env = {
  TEAMS_APP_ID: '7b6d5c1e-2f3a-4c8b-9d0e-1a2b3c4d5e6f',
  BOT_ID: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  BOT_DOMAIN: 'rc-pulse.example.nhs.uk',
  PUBLIC_URL: 'https://rc-pulse.example.nhs.uk',
  APP_PUBLISHER_NAME: 'Example "Trust"',
  TAB_CLIENT_ID: '5e3b1c2a-7d4f-4e8a-9b6c-0d1e2f3a4b5c',
  TAB_APP_ID_URI: 'api://rc-pulse.example.nhs.uk/5e3b1c2a-7d4f-4e8a-9b6c-0d1e2f3a4b5c',
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(path.join(appPackage, file));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('the Teams app manifest', () => {
  it('keeps every environment-specific value as a ${{VAR}} placeholder', () => {
    expect(placeholders(manifestText).sort()).toEqual(Object.keys(env).sort());
    expect(manifestText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it("is valid against Microsoft's manifest schema once filled in", () => {
    const manifest = JSON.parse(fillPlaceholders(manifestText, env));
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest.developer.name).toBe('Example "Trust"');
  });

  it('lists exactly the commands the bot understands, in every scope', () => {
    const manifest = JSON.parse(fillPlaceholders(manifestText, env));
    const expected = COMMANDS.map((c) => ({ title: c.name, description: c.description }));
    for (const list of manifest.bots[0].commandLists) expect(list.commands).toEqual(expected);
    expect(manifest.bots[0].commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('names every setting that has no value instead of building a broken package', () => {
    expect(() => fillPlaceholders(manifestText, { ...env, BOT_ID: '', BOT_DOMAIN: undefined })).toThrow(/BOT_ID, BOT_DOMAIN/);
  });

  it('has icons of the sizes Teams asks for', () => {
    expect(pngSize('color.png')).toEqual([192, 192]);
    expect(pngSize('outline.png')).toEqual([32, 32]);
  });
});
