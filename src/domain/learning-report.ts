import type { ImpactChange, ImpactView } from './impact';
import type { InterventionKind } from './intervention-catalogue';
import type { InterventionStatus } from './model/intervention-schema';
import type { ShownFigure } from './shown-figure';
import { dayText, twoDecimals } from './text-format';

/**
 * The learning export of a collaborative (built by src/app/interventions/learning-export.ts):
 * headline results over time, what was tried and what changed, in plain UK English fit for a
 * regional report. Anonymised by construction: it holds only figures that may be shown (a
 * hidden one is null and reads "fewer than k responses", never a number) and no one's name.
 * This file holds the shape and writes it as Markdown; learning-csv.ts writes it as CSV.
 */

/** A pulse an impact was measured with. */
export interface LearningPulseRef {
  id: string;
  title?: string;
  openedAt: string;
  closedAt: string;
}

/** One closed survey pulse's headline figures, each null when it may not be shown. */
export interface LearningPulse {
  id: string;
  title: string;
  closedAt: string;
  /** The smallest group whose figures were shown for this pulse. */
  k: number;
  /** People who answered; null when fewer than k (then no figure is shown at all). */
  respondents: number | null;
  /** Why there are no figures, when there are none. */
  noFigures?: 'too_few' | 'no_responses' | 'preparing';
  overall: ShownFigure | null;
  overallBetween: ShownFigure | null;
  communication: ShownFigure | null;
  relationship: ShownFigure | null;
}

/** One note of an intervention's log: its day and words (never its author). */
export interface LearningNote {
  on: string;
  text: string;
  movedTo?: string;
}

export interface LearningIntervention {
  id: string;
  title: string;
  description: string;
  kind: InterventionKind;
  kindWords: string;
  /** The catalogue entry it follows, by title. */
  approach?: string;
  status: InterventionStatus;
  statusWords: string;
  ties: string[];
  dimensions: string[];
  agreedIn?: { meeting: string; on: string };
  startOn?: string;
  dueOn?: string;
  completedOn?: string;
  impact: { measured: true; before: LearningPulseRef; after: LearningPulseRef; k: number; view: ImpactView } | { measured: false; message: string };
  notes: LearningNote[];
}

export interface LearningExport {
  collaborative: { id: string; name: string; focalProcess: string };
  generatedAt: string;
  pulses: LearningPulse[];
  interventions: LearningIntervention[];
}

/** Intervention kinds as people read them. */
export const KIND_WORDS: Readonly<Record<InterventionKind, string>> = {
  relational: 'relational',
  work_process: 'work process',
  structural: 'structural',
};

/**
 * Text someone typed, safe inside Markdown: on one line, and with the characters that would
 * make it a heading, a link, a table cell break, emphasis or HTML shown as themselves.
 */
export function mdText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#!~]/g, (c) => `\\${c}`);
}

const day = (iso: string) => dayText(iso.length === 10 ? `${iso}T12:00:00.000Z` : iso, true);

/** "3.91 (moderate; 95% interval 3.80 to 4.02; 42 people)", or "fewer than k responses". */
export function figureWords(f: ShownFigure | null, k: number): string {
  if (!f) return `fewer than ${k} responses`;
  const interval = f.ci95 ? `; 95% interval ${twoDecimals(f.ci95[0])} to ${twoDecimals(f.ci95[1])}` : '';
  return `${twoDecimals(f.mean)} (${f.band}${interval}; ${f.n} ${f.n === 1 ? 'person' : 'people'})`;
}

/** "improved from 2.89 to 3.88 (a change of +0.99, 95% interval +0.70 to +1.28)", or "fewer than k responses". */
export function changeWords(c: ImpactChange, k: number): string {
  if (c.suppressed) return `not shown: fewer than ${k} responses on one side`;
  const signed = (x: number) => `${x >= 0 ? '+' : '−'}${twoDecimals(Math.abs(x))}`;
  const interval = c.ci95 ? `, 95% interval ${signed(c.ci95[0])} to ${signed(c.ci95[1])}` : '';
  return `${c.verdict} (from ${twoDecimals(c.before.mean)} to ${twoDecimals(c.after.mean)}, a change of ${signed(c.difference)}${interval})`;
}

function pulseSection(p: LearningPulse): string[] {
  const title = `### ${mdText(p.title)}, closed ${day(p.closedAt)}`;
  if (p.noFigures) {
    const why =
      p.noFigures === 'no_responses'
        ? 'Nobody answered this pulse.'
        : p.noFigures === 'preparing'
          ? 'Its figures are still being prepared.'
          : `Fewer than ${p.k} people answered, so no figures are shown.`;
    return [title, '', why, ''];
  }
  return [
    title,
    '',
    `- People who answered: ${p.respondents ?? `fewer than ${p.k}`}`,
    `- Relational coordination overall: ${figureWords(p.overall, p.k)}`,
    `- Between groups: ${figureWords(p.overallBetween, p.k)}`,
    `- Communication: ${figureWords(p.communication, p.k)}`,
    `- Relationships: ${figureWords(p.relationship, p.k)}`,
    `- Figures from fewer than ${p.k} people are not shown.`,
    '',
  ];
}

function interventionSection(iv: LearningIntervention): string[] {
  const lines = [`### ${mdText(iv.title)}`, ''];
  if (iv.description) lines.push(mdText(iv.description), '');
  lines.push(`- Kind: ${iv.kindWords}${iv.approach ? ` (${mdText(iv.approach)})` : ''}`, `- Status: ${iv.statusWords}`);
  if (iv.ties.length) lines.push(`- Ties it aims at: ${iv.ties.map(mdText).join('; ')}`);
  if (iv.dimensions.length) lines.push(`- Dimensions it aims at: ${iv.dimensions.join('; ')}`);
  if (iv.agreedIn) lines.push(`- Agreed at ${mdText(iv.agreedIn.meeting)} on ${day(iv.agreedIn.on)}`);
  if (iv.startOn) lines.push(`- Started ${day(iv.startOn)}${iv.completedOn ? `, finished ${day(iv.completedOn)}` : iv.dueOn ? `, due ${day(iv.dueOn)}` : ''}`);
  lines.push('');
  if (iv.impact.measured) {
    const { before, after, k, view } = iv.impact;
    lines.push(`Impact, from ${mdText(before.title ?? before.id)} to ${mdText(after.title ?? after.id)}:`, '');
    for (const t of view.ties) lines.push(`- ${mdText(t.tie.label)}: ${changeWords(t.rc, k)}`);
    for (const d of view.dimensions) lines.push(`- ${d.title} across the collaborative: ${changeWords(d.change, k)}`);
  } else {
    lines.push(`Impact: ${mdText(iv.impact.message)}`);
  }
  lines.push('');
  if (iv.notes.length) {
    lines.push('What happened:', '');
    for (const n of iv.notes) lines.push(`- ${day(n.on)}: ${mdText(n.text)}${n.movedTo ? ` (marked ${n.movedTo})` : ''}`);
    lines.push('');
  }
  return lines;
}

/** The learning export as a Markdown document. */
export function learningMarkdown(report: LearningExport): string {
  const c = report.collaborative;
  const lines = [
    `# What we learnt: ${mdText(c.name)}`,
    '',
    `How the groups work together on ${mdText(c.focalProcess)}, what we tried, and what changed. Prepared on ${day(report.generatedAt)}.`,
    '',
    'Relational coordination is scored from 1 to 5: weak below 3.5, moderate from 3.5, strong from 4.0. Every figure describes ties between groups, never one person. A change is called improved or declined only when its 95% interval leaves out zero. Figures from too few people to keep answers anonymous are not shown.',
    '',
    '## Results over time',
    '',
  ];
  if (report.pulses.length === 0) lines.push('No pulse has closed yet.', '');
  for (const p of report.pulses) lines.push(...pulseSection(p));
  lines.push('## What we tried', '');
  if (report.interventions.length === 0) lines.push('No interventions have been recorded yet.', '');
  for (const iv of report.interventions) lines.push(...interventionSection(iv));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
