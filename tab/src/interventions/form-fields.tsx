import { Button, Checkbox, Field, Input, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import type { CollaborativeResponse } from '../../../src/contract/api-contract';
import { CATALOGUE, type InterventionStatusBody } from '../../../src/contract/interventions-contract';
import { interventionKindSchema, type InterventionKind } from '../../../src/domain/intervention-catalogue';
import { DIMENSIONS, DIMENSION_LABELS } from '../ui/figure-format';
import type { FormErrors, FormState } from './form-model';
import { KIND_WORDS, statusHeading } from './iv-words';

const useStyles = makeStyles({
  // minWidth 0: a select's longest option must not widen the page on a phone.
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(14rem, 100%), 1fr))', gap: tokens.spacingHorizontalL, '& > *': { minWidth: 0 }, '& select': { minWidth: 0, width: '100%' } },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingVerticalM, margin: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  tie: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end', marginBottom: tokens.spacingVerticalS },
  tiePick: { flex: '1 1 12rem', minWidth: 0 },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))' },
  error: { color: tokens.colorPaletteRedForeground1, margin: 0 },
});

export interface FormFieldsProps {
  collaborative: CollaborativeResponse;
  form: FormState;
  errors: FormErrors;
  onChange: (next: FormState) => void;
  /** The statuses the form may offer: the current one and its legal moves. */
  statuses: InterventionStatusBody[];
  /** People it may be given to (id -> name). */
  people: [string, string][];
  editing: boolean;
}

/** The intervention's fields; the page around it sends them and handles the answer. */
export function FormFields({ collaborative, form, errors, onChange, statuses, people, editing }: FormFieldsProps) {
  const styles = useStyles();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => onChange({ ...form, [key]: value });
  const groups = collaborative.workgroups.filter((w) => !w.retired || form.ties.some((t) => t.from === w.id || t.to === w.id));
  const fieldProps = (key: keyof FormErrors) => (errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {});
  const toggle = <T,>(xs: T[], x: T, on: boolean) => (on ? [...xs, x] : xs.filter((y) => y !== x));
  const pickEntry = (id: string) => {
    const entry = CATALOGUE.find((c) => c.id === id);
    onChange({ ...form, catalogueId: id, ...(entry ? { kind: entry.kind, title: form.title || entry.title, description: form.description || entry.description } : {}) });
  };
  const setTie = (i: number, side: 'from' | 'to', id: string) => set('ties', form.ties.map((t, j) => (j === i ? { ...t, [side]: id } : t)));
  return (
    <>
      <Field label="Title" required {...fieldProps('title')}>
        <Input value={form.title} onChange={(_, d) => set('title', d.value)} maxLength={120} data-field="title" />
      </Field>
      <Field label="What it is" {...fieldProps('description')}>
        <Textarea value={form.description} onChange={(_, d) => set('description', d.value)} resize="vertical" rows={3} maxLength={2000} data-field="description" />
      </Field>
      <div className={styles.grid}>
        <Field label="Kind" {...fieldProps('kind')}>
          <Select value={form.kind} onChange={(_, d) => onChange({ ...form, kind: d.value as InterventionKind, catalogueId: '' })} data-field="kind">
            {interventionKindSchema.options.map((k) => <option key={k} value={k}>{KIND_WORDS[k]}</option>)}
          </Select>
        </Field>
        <Field label="From the catalogue" {...fieldProps('catalogueId')}>
          <Select value={form.catalogueId} onChange={(_, d) => pickEntry(d.value)} data-field="catalogue">
            <option value="">None: our own idea</option>
            {CATALOGUE.map((c) => <option key={c.id} value={c.id}>{`${c.title} (${KIND_WORDS[c.kind]})`}</option>)}
          </Select>
        </Field>
      </div>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Ties it should strengthen</legend>
        {form.ties.map((t, i) => (
          <div key={i} className={styles.tie} data-tie-row={i}>
            <Field label="People in" className={styles.tiePick}>
              <Select value={t.from} onChange={(_, d) => setTie(i, 'from', d.value)}>{groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</Select>
            </Field>
            <Field label="working with" className={styles.tiePick}>
              <Select value={t.to} onChange={(_, d) => setTie(i, 'to', d.value)}>{groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}</Select>
            </Field>
            <Button icon={<DeleteRegular />} onClick={() => set('ties', form.ties.filter((_, j) => j !== i))}>Remove tie</Button>
          </div>
        ))}
        <Button icon={<AddRegular />} disabled={groups.length === 0 || form.ties.length >= 20}
          onClick={() => set('ties', [...form.ties, { from: groups[0]!.id, to: groups[Math.min(1, groups.length - 1)]!.id }])}>Add a tie</Button>
        {errors.ties ? <p className={styles.error} role="alert">{errors.ties}</p> : null}
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Dimensions it should strengthen</legend>
        <div className={styles.checks}>
          {DIMENSIONS.map((d) => (
            <Checkbox key={d} label={DIMENSION_LABELS[d]} checked={form.dimensions.includes(d)} onChange={(_, data) => set('dimensions', toggle(form.dimensions, d, data.checked === true))} data-dimension={d} />
          ))}
        </div>
        {errors.dimensions ? <p className={styles.error} role="alert">{errors.dimensions}</p> : null}
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Who owns it</legend>
        <div className={styles.checks}>
          {people.map(([id, name]) => (
            <Checkbox key={id} label={name} checked={form.ownerIds.includes(id)} onChange={(_, data) => set('ownerIds', toggle(form.ownerIds, id, data.checked === true))} data-owner={id} />
          ))}
        </div>
        {errors.ownerIds ? <p className={styles.error} role="alert">{errors.ownerIds}</p> : null}
      </fieldset>
      <div className={styles.grid}>
        <Field label="Starts on" {...fieldProps('startOn')}>
          <Input type="date" value={form.startOn} onChange={(_, d) => set('startOn', d.value)} data-field="startOn" />
        </Field>
        <Field label="Due by" {...fieldProps('dueOn')}>
          <Input type="date" value={form.dueOn} onChange={(_, d) => set('dueOn', d.value)} data-field="dueOn" />
        </Field>
        <Field label="Status" {...fieldProps('status')}>
          <Select value={form.status} onChange={(_, d) => set('status', d.value as InterventionStatusBody)} data-field="status">
            {statuses.map((s) => <option key={s} value={s}>{statusHeading(s)}</option>)}
          </Select>
        </Field>
      </div>
      {editing ? (
        <Field label="A note for its log (optional)" hint="Why this change, for whoever reads the log later." {...fieldProps('note')}>
          <Textarea value={form.note} onChange={(_, d) => set('note', d.value)} rows={2} maxLength={2000} data-field="note" />
        </Field>
      ) : null}
    </>
  );
}
