import { Checkbox, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalM, margin: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { margin: `0 0 ${tokens.spacingVerticalXS}`, color: tokens.colorNeutralForeground2 },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(14rem, 100%), 1fr))' },
  error: { color: tokens.colorPaletteRedForeground1, margin: `${tokens.spacingVerticalXS} 0 0` },
});

export interface GroupChoiceProps {
  /** 'asking' or 'rating': names the parts for tests and ids. */
  name: string;
  legend: string;
  hint: string;
  allLabel: string;
  groups: readonly { id: string; name: string }[];
  all: boolean;
  chosen: readonly string[];
  error?: string | undefined;
  onChange(all: boolean, chosen: string[]): void;
}

/** "All" or some groups, as a labelled fieldset; a refusal is shown under it and read with it. */
export function GroupChoice({ name, legend, hint, allLabel, groups, all, chosen, error, onChange }: GroupChoiceProps) {
  const styles = useStyles();
  const errorId = `${name}-error`;
  const toggle = (id: string, on: boolean) => onChange(false, on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset className={styles.fieldset} data-field={name} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className={styles.legend}>{legend}</legend>
      <p className={styles.hint}>{hint}</p>
      <RadioGroup value={all ? 'all' : 'some'} onChange={(_, d) => onChange(d.value === 'all', [...chosen])} aria-label={legend}>
        <Radio value="all" label={allLabel} />
        <Radio value="some" label="Only the groups I choose" />
      </RadioGroup>
      {all ? null : (
        <div className={styles.checks} role="group" aria-label={`${legend}: groups`}>
          {groups.map((g) => <Checkbox key={g.id} label={g.name} checked={chosen.includes(g.id)} onChange={(_, d) => toggle(g.id, d.checked === true)} />)}
        </div>
      )}
      {error ? <p id={errorId} className={styles.error} role="alert" data-part={`${name}-error`}>{error}</p> : null}
    </fieldset>
  );
}
