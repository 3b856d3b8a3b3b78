import fs from 'node:fs';
import path from 'node:path';

/**
 * The README is the front door and docs/ holds the reference. A link that points nowhere, or a
 * README that grows back into the reference, is how that split decays; these checks catch both.
 */

const root = path.resolve(__dirname, '..', '..', '..');
const docsDir = path.join(root, 'docs');

/**
 * Pages being written alongside this one, linked from the README's "Read more" list ahead of
 * time. Their links are skipped only while the file does not exist: once it lands, its links
 * (and the README's link to it) are checked like every other.
 */
const RESERVED = new Set([
  'docs/family-voice.md',
  'docs/transition-checks.md',
  'docs/transition-checks-in-teams.md',
  'docs/tab-transitions-and-families.md',
  'docs/data-protection.md',
  'docs/telemetry.md',
]);

const markdownFiles = (): string[] => [
  'README.md',
  ...fs.readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`),
];

/** GitHub's heading anchor: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a markdown file offers: one per heading, repeated headings numbered -1, -2 as GitHub does. */
function anchorsOf(text: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of withoutFences(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = githubSlug(m[1]!);
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

/** Fenced blocks hold examples, not headings; inline code holds no links either. */
const withoutFences = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');
const withoutCode = (text: string) => withoutFences(text).replace(/`[^`\n]*`/g, '');

/** Every `[text](target)` whose target is relative (no scheme, not a bare anchor-less mail link). */
function relativeLinks(text: string): string[] {
  return [...withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t));
}

describe('the README and docs/', () => {
  it('keep the README short enough to read, with the two commands a newcomer needs first', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(Buffer.byteLength(readme, 'utf8')).toBeLessThan(8 * 1024);
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm test');
    expect(readme).toContain('apt-get install -y chromium');
  });

  it("list every docs/ page exactly once in the README's Read more", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const readMore = /^## Read more\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? '';
    const linked = relativeLinks(readMore).map((t) => t.split('#')[0]);
    for (const file of markdownFiles().filter((f) => f !== 'README.md')) {
      expect({ file, times: linked.filter((t) => t === file).length }).toEqual({ file, times: 1 });
    }
  });

  it.each(markdownFiles())('%s: every relative link points at a file and heading that exist', (file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const broken: string[] = [];
    for (const target of relativeLinks(text)) {
      const [filePart, anchor] = target.split('#') as [string, string | undefined];
      const resolved = filePart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), filePart));
      const absolute = path.join(root, resolved);
      if (!fs.existsSync(absolute)) {
        if (!RESERVED.has(resolved)) broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(absolute, 'utf8')).has(anchor)) {
        broken.push(`${target}: no heading with that anchor`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('work out anchors as GitHub does, so a check against a misspelt anchor fails', () => {
    expect(githubSlug('What `npm start` does')).toBe('what-npm-start-does');
    expect(githubSlug('Sign-in')).toBe('sign-in');
    expect(anchorsOf('# Intro\n## Settings\n## Settings\n')).toEqual(new Set(['intro', 'settings', 'settings-1']));
  });
});
