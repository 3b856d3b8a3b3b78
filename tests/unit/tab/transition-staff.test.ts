import { choosePerson, matchingPeople, NEW_START_FORM, setRole, staffRoles, staffShortfall, startBody } from '../../../tab/src/transitions/start-model';
import { transitionCreateSchema } from '../../../src/domain/model/transition';

// The start form's staff: who can be chosen, the role each is pre-filled with, and the
// guidance that mirrors the server's rules (at least 3 people, each with a role, 2 roles).

const roles = staffRoles([
  { id: 'mbu', name: 'Mother and baby unit', organisationId: null, retired: false },
  { id: 'community', name: 'Community perinatal team', organisationId: null, retired: false },
  { id: 'old', name: 'Old liaison team', organisationId: null, retired: true },
  { id: 'families', name: 'Families', organisationId: null, retired: false },
]);
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const zoe = { aadObjectId: id(1), name: 'Zoë Ward', workgroupId: 'mbu' };
const sam = { aadObjectId: id(2), name: 'Sam Okafor', workgroupId: 'community' };
const ash = { aadObjectId: id(3), name: 'Ash Patel', workgroupId: 'old' };
const kit = { aadObjectId: id(4), name: 'Kit Jones' };

describe('choosing the staff of a transition check', () => {
  it('offers only active roles, never Families', () => {
    expect(roles.map((r) => r.id)).toEqual(['mbu', 'community']);
  });

  it("pre-fills each person's role from their workgroup, leaves it empty when that is not a role, and lets a person go again", () => {
    let staff = choosePerson([], zoe, true, roles);
    staff = choosePerson(staff, ash, true, roles);
    staff = choosePerson(staff, kit, true, roles);
    expect(staff).toEqual([{ aadObjectId: id(1), workgroupId: 'mbu' }, { aadObjectId: id(3), workgroupId: '' }, { aadObjectId: id(4), workgroupId: '' }]);
    // Choosing twice keeps one row; letting go removes it.
    expect(choosePerson(staff, zoe, true, roles).filter((s) => s.aadObjectId === id(1))).toHaveLength(1);
    expect(choosePerson(staff, ash, false, roles).map((s) => s.aadObjectId)).toEqual([id(1), id(4)]);
    expect(setRole(staff, id(3), 'community')[1]).toEqual({ aadObjectId: id(3), workgroupId: 'community' });
  });

  it('finds people by any part of their name, in any case and without accents', () => {
    const people = [zoe, sam, ash, kit];
    expect(matchingPeople(people, 'zoe').map((p) => p.name)).toEqual(['Zoë Ward']);
    expect(matchingPeople(people, '  OKA  sam ').map((p) => p.name)).toEqual(['Sam Okafor']);
    expect(matchingPeople(people, '')).toHaveLength(4);
    expect(matchingPeople(people, 'nobody')).toEqual([]);
  });

  it('says what is still needed until the staff meet the rules, and then nothing', () => {
    expect(staffShortfall([])).toBe('Please choose at least 3 people: a check needs at least 3, so that answers stay anonymous.');
    const two = [choosePerson([], zoe, true, roles), choosePerson([], sam, true, roles)].flat();
    expect(staffShortfall(two)).toMatch(/^Please choose 1 more person:/);
    const three = choosePerson(two, kit, true, roles);
    expect(staffShortfall(three)).toBe('Please choose a role for one person.');
    expect(staffShortfall(setRole(three, id(4), 'mbu'))).toBeNull();
    expect(staffShortfall(setRole(setRole(three, id(4), 'mbu'), id(2), 'mbu'))).toBe('Please choose staff from at least two roles or teams.');
  });

  it('sends the chosen staff, and a body the guidance calls enough is one the shared schema accepts', () => {
    const staff = setRole(choosePerson(choosePerson(choosePerson([], zoe, true, roles), sam, true, roles), kit, true, roles), id(4), 'mbu');
    const body = startBody({ ...NEW_START_FORM, reference: 'MBU admission 14', staff });
    expect(body.staff).toEqual([{ aadObjectId: id(1), workgroupId: 'mbu' }, { aadObjectId: id(2), workgroupId: 'community' }, { aadObjectId: id(4), workgroupId: 'mbu' }]);
    expect(staffShortfall(staff)).toBeNull();
    expect(transitionCreateSchema.safeParse(body).success).toBe(true);
  });
});
