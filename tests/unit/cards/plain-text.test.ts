import { escapeMarkdown } from '../../../src/cards/plain-text';

/** What Teams would still read as formatting or a link once the escapes are taken away. */
function formatting(text: string): string[] {
  const bare = text.replace(/\\./g, '');
  return ['](', '**', '__', '~~', '`', '<', '>', '://', 'www.'].filter((s) => bare.includes(s));
}

describe('names people typed, in a plain-text reply', () => {
  it('escape every markdown and HTML special character, and break links', () => {
    const evil = '[click](https://evil.example) **x** <b>y</b> _z_ ~~s~~ `c` www.evil.example & \\';
    const safe = escapeMarkdown(evil);
    expect(formatting(safe)).toEqual([]);
    expect(safe).toContain('&lt;b&gt;y&lt;/b&gt;');
    expect(safe).toContain('\\[click\\]');
    expect(safe).toContain('&amp; \\\\');
  });

  it('leave an ordinary name as it is, and never start a new line', () => {
    expect(escapeMarkdown('MBU nursing - Leeds (York) 2.0')).toBe('MBU nursing - Leeds (York) 2.0');
    expect(escapeMarkdown('Health\n# visiting\r\n- team')).toBe('Health # visiting - team');
  });
});
