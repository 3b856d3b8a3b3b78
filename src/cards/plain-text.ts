/**
 * Teams reads a bot's text message as markdown with some HTML: "[click](https://x)" becomes a
 * link, "**x**" bold text, "<b>" a tag, and a bare "https://..." a link of its own. Names
 * people typed (a team's name, the focal process, a workgroup or organisation) must read
 * exactly as typed, so every plain-text reply that includes one passes it through
 * escapeMarkdown. Cards do not need it: they put such names in TextRuns, which are never
 * read as markdown (see `plain` in card-kit.ts).
 */

/** Characters that start or end markdown formatting or a link. */
const MARKDOWN = /[\\`*_~[\]]/g;
const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
/** Invisible, so the name reads as typed, but it breaks the pattern a link is recognised by. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * A name people typed, safe to put in a text message: markdown characters escaped with a
 * backslash, HTML's special characters as entities, "://" and "www." broken so they are not
 * made into links, and line breaks made spaces (a name never starts a heading or a list).
 */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/[&<>]/g, (c) => HTML[c]!)
    .replace(MARKDOWN, '\\$&')
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}${ZERO_WIDTH_SPACE}.`);
}
