import { createHash } from 'node:crypto';
import type { FamilyPageView, FamilySection } from '../app/family/family-page';
import type { FamilyWording } from '../domain/family-wording';
import { answerFieldName, NOT_SURE } from '../domain/family-form';
import { DIMENSIONS, type Dimension } from '../domain/instrument';
import type { Ratings } from '../domain/model/ratings';

/**
 * Draws the family page as plain HTML: one small inline style sheet, no script, no image, no
 * font or anything else from anywhere, so it is quick on a poor phone connection and works
 * with JavaScript turned off. The form posts to its own address. Every word comes from the
 * wording file (src/domain/family-wording), so a language is one file.
 */

const CSS = `*{box-sizing:border-box}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.375rem;margin:2rem 0 .25rem;padding-top:1rem;border-top:2px solid #b1b4b6}
fieldset{border:0;margin:0 0 1.5rem;padding:0;min-width:0}
legend{font-weight:700;padding:0;margin-bottom:.5rem}
label{display:flex;align-items:center;gap:.75rem;min-height:3rem;padding:.5rem .75rem;margin:.25rem 0;border:2px solid #b1b4b6;border-radius:6px;cursor:pointer}
input[type=radio]{width:1.5rem;height:1.5rem;margin:0;flex:none;accent-color:#005eb8}
label:has(input:checked){border-color:#005eb8;background:#eef5fc}
:focus-visible{outline:3px solid #ffb81c;outline-offset:2px;box-shadow:0 0 0 6px #0b0c0c}
label:has(input:focus-visible){outline:3px solid #ffb81c;outline-offset:2px;border-color:#0b0c0c}
button{font:inherit;font-weight:700;min-height:3rem;width:100%;padding:.75rem 1rem;border:0;border-radius:6px;background:#007f3b;color:#fff;cursor:pointer}
.hint{color:#4c6272;margin:.25rem 0 .75rem}
.error{color:#d5281b;font-weight:700;margin:.25rem 0 .5rem}
.error-field{border-left:5px solid #d5281b;padding-left:.75rem}
.summary{border:4px solid #d5281b;padding:1rem;margin-bottom:1.5rem}
.summary h2{margin:0 0 .5rem;padding:0;border:0}
.summary a{color:#d5281b;font-weight:700}`;

/**
 * The page's Content-Security-Policy: nothing may load from anywhere, the one inline style
 * sheet is allowed by its hash, no script runs at all, the form posts only here, and no other
 * site may frame the page.
 */
export const FAMILY_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`,
  "img-src 'none'",
  "script-src 'none'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside HTML text and quoted attributes. */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function document(w: FamilyWording, title: string, body: string): string {
  return `<!doctype html>
<html lang="${esc(w.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An id for an HTML element from a field name and a suffix (ids are letters, digits, '-', '_'). */
function idOf(...parts: string[]): string {
  return parts.join('-').replace(/[^A-Za-z0-9_-]/g, '-');
}

function item(w: FamilyWording, section: FamilySection, d: Dimension, answers: Ratings | undefined): string {
  const name = answerFieldName(section.targetId, d);
  const question = section.groupName ? w.groups.questions[d] : w.items[d].question;
  const given = answers?.[section.targetId]?.[d] ?? null;
  const radio = (value: string, label: string, checked: boolean) =>
    `<label for="${idOf(name, value)}"><input type="radio" id="${idOf(name, value)}" name="${esc(name)}" value="${value}"${checked ? ' checked' : ''}>${esc(label)}</label>`;
  const options = w.items[d].options.map((o) => radio(String(o.score), o.label, given === o.score));
  return `<fieldset>
<legend>${esc(question)}</legend>
${[...options, radio(NOT_SURE, w.notSure, given === null)].join('\n')}
</fieldset>`;
}

function section(w: FamilyWording, s: FamilySection, answers: Ratings | undefined): string {
  const items = DIMENSIONS.map((d) => item(w, s, d, answers)).join('\n');
  if (!s.groupName) return items;
  const headingId = idOf('group', s.targetId);
  return `<section aria-labelledby="${headingId}">
<h2 id="${headingId}">${esc(w.groups.heading.replace('{group}', s.groupName))}</h2>
<p class="hint">${esc(w.groups.hint)}</p>
${items}
</section>`;
}

/** The intro with how long the questions take after its first paragraph. */
function intro(w: FamilyWording, sections: readonly FamilySection[]): string[] {
  const groups = sections.filter((s) => s.groupName).length;
  const length = groups > 0 ? w.length.groups.replace('{count}', String(groups)) : w.length.one;
  return [w.intro[0]!, length, ...w.intro.slice(1)];
}

function form(view: Extract<FamilyPageView, { kind: 'form' }>): string {
  const w = view.wording;
  const error = view.missingSharing === true;
  const sharingIds = (['shared_with_team', 'overall_only'] as const).map((v) => ({ v, id: idOf('sharing', v) }));
  const summary = error
    ? `<div class="summary" role="alert" aria-labelledby="problem-title" tabindex="-1">
<h2 id="problem-title">${esc(w.problemTitle)}</h2>
<p><a href="#${sharingIds[0]!.id}">${esc(w.chooseSharing)}</a></p>
</div>`
    : '';
  const sharing = `<fieldset id="sharing"${error ? ' class="error-field" aria-describedby="sharing-hint sharing-error"' : ' aria-describedby="sharing-hint"'}>
<legend>${esc(w.sharing.question)}</legend>
<p class="hint" id="sharing-hint">${esc(w.sharing.hint)}</p>
${error ? `<p class="error" id="sharing-error">${esc(w.chooseSharing)}</p>` : ''}
${sharingIds.map(({ v, id }) => `<label for="${id}"><input type="radio" id="${id}" name="sharing" value="${v}">${esc(w.sharing.options[v])}</label>`).join('\n')}
</fieldset>`;
  const body = `${summary}
<h1>${esc(w.title)}</h1>
${intro(w, view.sections).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<form method="post" action="" novalidate>
${view.sections.map((s) => section(w, s, view.answers)).join('\n')}
${sharing}
<button type="submit">${esc(w.submit)}</button>
</form>`;
  return document(w, error ? `${w.errorPrefix} ${w.title}` : w.title, body);
}

/** The HTML of a family page view. */
export function familyPageHtml(view: FamilyPageView): string {
  if (view.kind === 'form') return form(view);
  const page = view.wording.pages[view.page];
  return document(view.wording, page.title, `<h1>${esc(page.title)}</h1>\n${page.body.map((p) => `<p>${esc(p)}</p>`).join('\n')}`);
}

/** The HTTP status of a view: the form 200 (422 when it came back), kind pages as they mean. */
export function familyPageStatus(view: FamilyPageView): number {
  if (view.kind === 'form') return view.missingSharing ? 422 : 200;
  const statuses: Record<typeof view.page, number> = { thanks: 200, closed: 410, expired: 410, used: 409, tampered: 404, busy: 429, unreadable: 400, unavailable: 503 };
  return statuses[view.page];
}
