import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { SenseMakingStep, Suggestion } from '../../../src/domain/sense-making-view';
import type { ShownFigure } from '../../../src/domain/shown-figure';
import type { ApiDimension } from '../../../src/contract/api-contract';
import { BandBadge } from '../ui/band-badge';
import { differenceText, intervalText, peopleText, twoDecimals } from '../ui/figure-format';
import { VerdictBadge } from '../ui/verdict-badge';
import { KIND_WORDS } from '../interventions/iv-words';
import { hashOf } from '../interventions/iv-route';

const useStyles = makeStyles({
  question: { fontSize: '1.35em', fontStyle: 'italic', margin: 0 },
  big: { fontSize: '2.4em', fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0, maxWidth: '46em' },
  list: { margin: 0, paddingLeft: '1.2em', display: 'flex', flexDirection: 'column', gap: '0.6em' },
  suggestion: { display: 'flex', flexDirection: 'column', gap: '0.3em', alignItems: 'flex-start' },
  hint: { color: tokens.colorNeutralForeground2 },
});

function Figure({ figure }: { figure: ShownFigure }) {
  const styles = useStyles();
  return (
    <p className={styles.p} data-part="figure">
      <span className={styles.big}>{twoDecimals(figure.mean)}</span> <BandBadge band={figure.band} />
      <br />
      <span className={styles.hint}>{[intervalText(figure.ci95) ? `95% interval ${intervalText(figure.ci95)}` : undefined, peopleText(figure.n)].filter(Boolean).join(', ')}</span>
    </p>
  );
}

/** Suggestions from the catalogue, each with "Plan an intervention" filled in (not on the meeting stage, which everyone sees). */
function Suggestions({ suggestions, plan }: { suggestions: Suggestion[]; plan?: (s: Suggestion) => string }) {
  const styles = useStyles();
  if (suggestions.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Suggested interventions" data-part="suggestions">
      {suggestions.map((s) => (
        <li key={s.id} className={styles.suggestion}>
          <strong>{s.title}</strong> <span className={styles.hint}>({KIND_WORDS[s.kind]})</span>
          <span>{s.description}</span>
          {plan ? <Button as="a" href={plan(s)} data-plan={s.id}>Plan an intervention</Button> : null}
        </li>
      ))}
    </ul>
  );
}

/** The body of one "Talk it through" step (its title is the page's heading). */
export function TalkStep({ step, pulseId, stage }: { step: SenseMakingStep; pulseId: string; stage: boolean }) {
  const styles = useStyles();
  const plan = (ties: { from: string; to: string }[], dimensions: ApiDimension[]) =>
    stage ? undefined : (s: Suggestion) => hashOf({ page: 'new', prefill: { ties, dimensions, pulseId, catalogueId: s.id } });
  const question = <p className={styles.question}>{step.question}</p>;
  switch (step.kind) {
    case 'intro':
    case 'closing':
      return (
        <>
          {step.paragraphs.map((p, i) => <p key={i} className={styles.p}>{p}</p>)}
          {step.kind === 'intro' && step.overall ? <Figure figure={step.overall} /> : null}
          {step.kind === 'intro' && step.references.length > 0 ? (
            <ul className={styles.list} aria-label="Published figures from elsewhere" data-part="references">
              {step.references.map((r) => (
                <li key={r.setting}>
                  {r.setting}: {r.low === r.high ? twoDecimals(r.low) : `${twoDecimals(r.low)} to ${twoDecimals(r.high)}`} <span className={styles.hint}>(source: {r.source})</span>
                </li>
              ))}
            </ul>
          ) : null}
          {question}
          {step.kind === 'closing' ? <Suggestions suggestions={step.suggestions} plan={plan([], [])} /> : null}
        </>
      );
    case 'strong_tie':
      return (<><p className={styles.p}>{step.tie.description}</p><Figure figure={step.figure} />{question}</>);
    case 'weak_tie':
      return (
        <>
          <p className={styles.p}>{step.tie.description}</p>
          <Figure figure={step.figure} />
          {step.weakestDimensions.length > 0 ? (
            <p className={styles.p}>Lowest here: {step.weakestDimensions.map((d) => `${d.title} (${twoDecimals(d.figure.mean)})`).join(', ')}.</p>
          ) : null}
          {question}
          <Suggestions suggestions={step.suggestions} plan={plan([{ from: step.tie.from, to: step.tie.to }], step.weakestDimensions.map((d) => d.dimension))} />
        </>
      );
    case 'change': {
      const interval = intervalText(step.ci95);
      return (
        <>
          <p className={styles.p}>
            <span className={styles.big}>{twoDecimals(step.before.mean)} → {twoDecimals(step.after.mean)}</span> <VerdictBadge verdict={step.verdict} />
          </p>
          <p className={styles.p}>A change of {differenceText(step.difference)}{interval ? ` (95% interval ${interval})` : ''}.</p>
          {question}
        </>
      );
    }
    case 'dimension_gap':
      return (
        <>
          <p className={styles.p}>Highest: {step.highest.title}, {twoDecimals(step.highest.figure.mean)}. Lowest: {step.lowest.title}, {twoDecimals(step.lowest.figure.mean)}.</p>
          {question}
          <Suggestions suggestions={step.suggestions} plan={plan([], [step.lowest.dimension])} />
        </>
      );
  }
}
