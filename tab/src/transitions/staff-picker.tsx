import { Body1, Button, Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { WorkgroupInfo } from '../../../src/contract/api-contract';
import type { MemberChoice } from '../../../src/contract/members-contract';
import { choosePerson, matchingPeople, setRole, staffShortfall, type StaffPick } from './start-model';

const useStyles = makeStyles({
  box: {
    margin: 0, padding: tokens.spacingVerticalM, minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM,
    borderRadius: tokens.borderRadiusMedium, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground2,
  },
  legend: { padding: `0 ${tokens.spacingHorizontalXS}`, fontWeight: tokens.fontWeightSemibold },
  // A long list scrolls inside its own box; every row in it is a focusable checkbox.
  people: { listStyleType: 'none', margin: 0, padding: 0, maxHeight: '16rem', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  chosen: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS, '& > *': { minWidth: 0 } },
  role: { flex: '1 1 12rem', '& select': { minWidth: 0, width: '100%' } },
  p: { margin: 0 },
});

/** "Name (their workgroup)", so two people of the same name can be told apart. */
function personLabel(person: MemberChoice, roles: readonly WorkgroupInfo[]): string {
  const role = roles.find((r) => r.id === person.workgroupId);
  return role ? `${person.name} (${role.name})` : person.name;
}

/**
 * Chooses the staff around the family from the collaborative's list: a search box, a
 * checkbox per person, and for each person chosen a role select pre-filled from their
 * workgroup. A live line says what is still needed (the server's rules, as guidance).
 */
export function StaffPicker({ people, roles, staff, onChange }: {
  people: readonly MemberChoice[];
  roles: readonly WorkgroupInfo[];
  staff: readonly StaffPick[];
  onChange: (staff: StaffPick[]) => void;
}) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const statusId = useId();
  const shown = matchingPeople(people, query);
  const byId = new Map(people.map((p) => [p.aadObjectId, p]));
  const shortfall = staffShortfall(staff);
  const roleCount = new Set(staff.map((s) => s.workgroupId).filter(Boolean)).size;
  return (
    <fieldset className={styles.box} data-part="staff-picker" aria-describedby={statusId}>
      <legend className={styles.legend}>Staff around the family</legend>
      <Body1 as="p" className={styles.p}>Choose at least 3 people from at least two roles or teams. Each is sent a card in Teams to answer.</Body1>
      <Field label="Find a person">
        <Input type="search" value={query} onChange={(_, d) => setQuery(d.value)} data-field="staff-search" autoComplete="off" />
      </Field>
      {shown.length > 0 ? (
        <ul className={styles.people} aria-label="People on the collaborative's list">
          {shown.map((p) => (
            <li key={p.aadObjectId}>
              <Checkbox label={personLabel(p, roles)} checked={staff.some((s) => s.aadObjectId === p.aadObjectId)}
                onChange={(_, d) => onChange(choosePerson(staff, p, d.checked === true, roles))} data-person={p.aadObjectId} />
            </li>
          ))}
        </ul>
      ) : (
        <Body1 as="p" className={styles.p} data-part="no-match">{people.length === 0 ? "There is nobody on the collaborative's list yet." : 'Nobody on the list has that name.'}</Body1>
      )}
      {staff.length > 0 ? (
        <ul className={styles.chosen} aria-label="Chosen staff and the role each answers for" data-part="chosen-staff">
          {staff.map((s) => {
            const name = byId.get(s.aadObjectId)?.name ?? 'Someone no longer on the list';
            return (
              <li key={s.aadObjectId} className={styles.row} data-chosen={s.aadObjectId}>
                <Field label={`Role for ${name}`} className={styles.role} required
                  {...(s.workgroupId === '' ? { validationState: 'warning' as const, validationMessage: 'Please choose a role.' } : {})}>
                  <Select value={s.workgroupId} onChange={(_, d) => onChange(setRole(staff, s.aadObjectId, d.value))} data-field="staff-role">
                    {s.workgroupId === '' ? <option value="">Choose a role</option> : null}
                    {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                  </Select>
                </Field>
                <Button onClick={() => onChange(choosePerson(staff, { aadObjectId: s.aadObjectId, name }, false, roles))} aria-label={`Remove ${name}`} data-action="remove-staff">Remove</Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <Text id={statusId} role="status" data-part="staff-status">
        {`${staff.length} chosen, from ${roleCount} ${roleCount === 1 ? 'role' : 'roles'}. `}
        {shortfall ?? 'That is enough to start the check.'}
      </Text>
    </fieldset>
  );
}
