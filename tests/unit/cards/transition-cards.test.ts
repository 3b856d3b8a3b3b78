import { parseCardAction } from '../../../src/cards/card-action-parser';
import type { AdaptiveCard } from '../../../src/cards/card-types';
import { planHash, tabLinkTo, transitionAlertCard } from '../../../src/cards/transition-alert-card';
import { transitionCheckCard } from '../../../src/cards/transition-check-card';
import { checkTransitionForm, transitionFormValues } from '../../../src/cards/transition-form-schema';
import { formFits, transitionFormCard, transitionStartedCard } from '../../../src/cards/transition-start-card';
import { buttonData } from '../../support/card-buttons';
import { cardBytes, checked } from '../../support/adaptive-card-validator';
import { alertView, bigFormView, CHECK_ID, checkView, closedView, figure, formView, STAFF, startedView } from './transition-fixtures';

const json = (card: unknown) => JSON.stringify(card);

/** Every piece of text a card shows, with the element type that carries it. */
function texts(node: unknown, out: { type: string; text: string }[] = []): { type: string; text: string }[] {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage']) {
      if (typeof o[key] === 'string') out.push({ type: String(o.type ?? key), text: o[key] as string });
    }
    Object.values(o).forEach((v) => texts(v, out));
  }
  return out;
}

/** Markdown-read places: TextBlock text and FactSet titles and values. */
function markdownTexts(card: AdaptiveCard): string[] {
  return texts(card).flatMap((t) => (t.type === 'TextBlock' || t.type === 'title' || t.type === 'value' ? [t.text] : []));
}

const US_SPELLINGS = /\b(organi[zs]ation|organize|behavior|favor|center|color|analyze|prioritize|summarize|canceled|enrollment)\b/i;

const every: [string, AdaptiveCard][] = [
  ['form', transitionFormCard(formView())],
  ['form with notes', transitionFormCard(formView({ errors: { reference: 'This looks like an NHS number.', role_1: 'Please choose the role Ben Okafor answers for.' }, problem: 'Too few staff.' }))],
  ['started', transitionStartedCard(startedView())],
  ['check, open', transitionCheckCard(checkView())],
  ['check, closed', transitionCheckCard(closedView())],
  ['check, closed, figures being prepared', transitionCheckCard(checkView({ status: 'closed', closedAt: '2026-03-05T16:00:00.000Z', closeReason: 'window_ended' }))],
  ['weak alert', transitionAlertCard(alertView())],
];

describe('the transition cards', () => {
  it.each(every)('%s parses and validates with adaptivecards at schema 1.5, in UK English', (_name, card) => {
    expect(checked(card).version).toBe('1.5');
    for (const t of texts(card)) expect(t.text).not.toMatch(US_SPELLINGS);
  });

  it.each([
    [20, 4],
    [12, 10],
  ])('a form naming %i people with %i roles, every name 200 characters, fits in one Teams message', (people, roles) => {
    const card = checked(transitionFormCard(bigFormView(people, roles)));
    expect(formFits(card)).toBe(true);
    expect(cardBytes(card)).toBeLessThan(28 * 1024);
  });

  it('a form too big for one message is caught before it is sent (the bot asks for fewer people)', () => {
    expect(formFits(transitionFormCard(bigFormView(30, 50)))).toBe(false);
  });

  it('the other cards stay under 20 KB at the model\'s limits (six links, long role names)', () => {
    const long = 'R'.repeat(200);
    const links = Array.from({ length: 6 }, (_, i) => ({ url: `https://rcpulse.example.nhs.uk/f/${String(i).repeat(32)}.${'s'.repeat(43)}`, expiresAt: '2026-03-09T09:00:00.000Z' }));
    const ties = Array.from({ length: 3 }, () => ({ from: long, to: long, fromId: 'a', toId: 'b', figure: figure(2.5, 9, 'weak') }));
    for (const card of [
      transitionStartedCard(startedView({ links, unreachable: Array.from({ length: 30 }, () => long) })),
      transitionCheckCard(closedView({ figures: { ...closedView().figures!, weakestTies: ties } })),
      transitionAlertCard(alertView({ weakestTies: ties })),
    ]) expect(cardBytes(checked(card))).toBeLessThan(20 * 1024);
  });
});

describe('the transition form', () => {
  it('asks for the type, the reference (saying what is refused), a role per person pre-filled from the roster, family links 1 and window 7', () => {
    const card = checked(transitionFormCard(formView()));
    const body = card.body as unknown as Record<string, unknown>[];
    const input = (id: string) => body.find((e) => e.id === id)!;
    expect(input('transitionType')).toMatchObject({ type: 'Input.ChoiceSet', choices: [{ value: 'admission' }, { value: 'discharge' }, { value: 'transfer' }] });
    expect(json(card)).toContain('Never a name, NHS number, e-mail address, date of birth or phone number');
    expect(input('role_0')).toMatchObject({ label: 'Asha Patel answers for', value: 'mbu-nursing' });
    expect(input('role_1')).not.toHaveProperty('value');
    expect(input('role_2')).toMatchObject({ label: 'Carla Reyes answers for', value: 'health-visiting' });
    expect(input('familyLinks')).toMatchObject({ value: 1, min: 0, max: 6 });
    expect(input('windowDays')).toMatchObject({ value: 7, min: 1, max: 28 });
  });

  it('sends back who was named and where the card goes, and refuses an NHS number as the reference with the reason, starting nothing', () => {
    const card = transitionFormCard(formView());
    const { verb, data } = buttonData(card, 'Start the check', { transitionType: 'admission', reference: '943 476 5919', role_1: 'community-perinatal' });
    const parsed = parseCardAction(verb, data);
    if (!parsed.ok || parsed.action.verb !== 'transition.start') throw new Error('the form did not parse');
    expect(parsed.action.data.staff).toEqual(STAFF.map((p) => p.aadObjectId));
    expect(parsed.action.data.postTo).toBe('channel');
    const checkedForm = checkTransitionForm(transitionFormValues(parsed.action.data, STAFF.length), STAFF);
    expect(checkedForm).toEqual({ ok: false, errors: { reference: expect.stringContaining('This looks like an NHS number.') } });
  });

  it('builds the start body from a good form, blank numbers taking their defaults', () => {
    const values = transitionFormValues({ transitionType: 'discharge', reference: ' Discharge 3 ', familyLinks: '', windowDays: '', role_0: 'a', role_1: 'b', role_2: 'a' }, 3);
    expect(checkTransitionForm(values, STAFF)).toEqual({
      ok: true,
      body: { type: 'discharge', reference: 'Discharge 3', familyLinks: 1, windowDays: 7, staff: STAFF.map((p, i) => ({ aadObjectId: p.aadObjectId, workgroupId: ['a', 'b', 'a'][i] })) },
    });
  });

  it.each([
    ['an e-mail address', 'mum@example.com', 'e-mail address'],
    ['a date of birth', '14/03/1990', 'date'],
    ['a phone number', '07700 900123', 'phone number'],
  ])('refuses %s as the reference', (_what, reference, said) => {
    const result = checkTransitionForm({ transitionType: 'admission', reference, roles: ['a', 'b', 'c'] }, STAFF);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.reference).toContain(said);
  });

  it('says which person still needs a role, and refuses family links and windows out of range', () => {
    const result = checkTransitionForm({ transitionType: 'admission', reference: 'MBU 14', familyLinks: 7, windowDays: 29, roles: ['a', '', 'c'] }, STAFF);
    expect(result).toEqual({ ok: false, errors: { role_1: 'Please choose the role or team this person answers for.', familyLinks: expect.any(String), windowDays: expect.any(String) } });
  });

  it('shows names people typed only as plain text, never where Teams reads markdown', () => {
    const tricky = '[click](https://evil.example) **bold**';
    for (const card of [
      transitionFormCard(formView({ staff: [{ ...STAFF[0]!, name: tricky }, STAFF[1]!, STAFF[2]!], notFound: [tricky] })),
      transitionStartedCard(startedView({ reference: tricky, unreachable: [tricky] })),
      transitionCheckCard(closedView({ reference: tricky, figures: { ...closedView().figures!, weakestTies: [{ from: tricky, to: tricky, figure: figure(3, 3, 'weak') }] } })),
      transitionAlertCard(alertView({ reference: tricky })),
    ]) {
      expect(json(card)).toContain('evil.example');
      for (const t of markdownTexts(card)) expect(t).not.toContain('evil.example');
    }
  });
});

describe("the check's card", () => {
  it('while open: counts only, the answered count under the k rule, when figures appear, and a Close button', () => {
    const card = checked(transitionCheckCard(checkView({ answered: 2 })));
    const text = json(card);
    expect(text).toContain('"title":"Invited","value":"3 members of staff and 1 family link"');
    expect(text).toContain('"title":"Can be reached","value":"2 of 3 staff"');
    expect(text).toContain('"title":"Answered","value":"fewer than 3"');
    expect(text).toContain('Figures appear when the check closes');
    expect(buttonData(card, 'Close the check now').data).toEqual({ collaborativeId: checkView().collaborativeId, checkId: CHECK_ID });
    expect(json(checked(transitionCheckCard(checkView({ answered: 3 }))))).toContain('"title":"Answered","value":"3"');
  });

  it('once closed: team RC with its band, the family view as they shared it, the weakest ties and dimensions, and no button', () => {
    const card = checked(transitionCheckCard(closedView()));
    const text = json(card);
    expect(text).toContain('Team RC: ');
    expect(text).toContain('"text":"3.21 (weak)"');
    expect(text).toContain('The family’s view, as they chose to share it: ');
    expect(text).toContain('"text":"4.30 (strong)"');
    expect(text).toContain('"text":"Community perinatal team"');
    expect(text).toContain('"title":"Timely communication","value":"2.70 (weak)"');
    expect(text).toContain('"title":"Accurate communication (the family)","value":"4.00 (strong)"');
    expect(text).toContain('everyone invited answered');
    expect(card.actions).toBeUndefined();
  });

  it('hides what may not be shown: team RC below k reads "fewer than 3", and no family figure unless they shared it', () => {
    const text = json(checked(transitionCheckCard(closedView({ figures: { teamRc: null, familyView: null, weakestTies: [], weakestDimensions: [] } }))));
    expect(text).toContain('"text":"fewer than 3 responses"');
    expect(text).toContain('The family’s view is shown here only when the family chooses to share it with the team.');
    expect(text).not.toMatch(/\d\.\d\d/);
  });
});

describe('the weak alert', () => {
  it('names what is weak, the weakest ties and dimensions, and the catalogue interventions, with a Plan button for each of two', () => {
    const card = checked(transitionAlertCard(alertView()));
    const text = json(card);
    expect(text).toContain('Team RC is weak');
    expect(text).toContain('"title":"Timely communication","value":"2.70 (weak)"');
    expect(text).toContain('Build shared knowledge');
    expect(card.actions!.map((a) => a.title)).toEqual(['Plan: Build shared knowledge', 'Plan: Build shared goals']);
  });

  it('the Plan button opens the tab at its intervention form, filled in with the tie, the dimensions, the check and the intervention', () => {
    const hash = planHash({ fromId: 'community-perinatal', toId: 'mbu-nursing' }, ['timely', 'shared_knowledge'], CHECK_ID, 'shared-knowledge');
    expect(hash).toBe(`#interventions/new?from=community-perinatal&to=mbu-nursing&dimensions=timely%2Cshared_knowledge&pulse=${CHECK_ID}&catalogue=shared-knowledge`);
    const url = new URL((checked(transitionAlertCard(alertView())).actions![0] as { url: string }).url);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: hash.slice(1) });
    expect(tabLinkTo('https://rcpulse.example/tab/results', hash)).toBe(`https://rcpulse.example/tab/results${hash}`);
  });

  it('makes no button from a link that is not https', () => {
    expect(checked(transitionAlertCard(alertView({ tabUrl: 'javascript:alert(1)' }))).actions).toBeUndefined();
    expect(checked(transitionAlertCard(alertView({ tabUrl: 'http://rcpulse.example/tab' }))).actions).toBeUndefined();
  });

  it('says so when the family view is what is weak', () => {
    const text = json(checked(transitionAlertCard(alertView({ teamRc: figure(3.8, 3, 'moderate'), familyView: figure(2.5, 1, 'weak') }))));
    expect(text).toContain('The family’s view is weak');
    expect(text).toContain('"title":"The family’s view","value":"2.50 (weak)"');
  });
});

describe('what the transition buttons send back', () => {
  const good = { collaborativeId: 'yh', postTo: 'channel', staff: [STAFF[0]!.aadObjectId], reference: 'MBU 14', role_0: 'mbu' };

  it.each([
    ['a person who is not an Entra object id', { ...good, staff: ['Asha Patel'] }],
    ['a place to post that is neither the channel nor the chat', { ...good, postTo: 'somewhere-else' }],
    ['nobody at all', { ...good, staff: [] }],
    ['more people than a check may have', { ...good, staff: Array.from({ length: 31 }, () => STAFF[0]!.aadObjectId) }],
    ['a reference far longer than any form allows', { ...good, reference: 'x'.repeat(401) }],
    ['a role that is not text', { ...good, role_0: { id: 'mbu' } }],
    ['a collaborative id that is a path', { ...good, collaborativeId: '../other' }],
  ])('refuses %s as tampered, before anything reads it', (_what, data) => {
    expect(parseCardAction('transition.start', data)).toMatchObject({ ok: false, reason: 'bad_data', verb: 'transition.start' });
  });

  it('refuses a close that names no check, or a check id that is not an id', () => {
    expect(parseCardAction('transition.close', { collaborativeId: 'yh' })).toMatchObject({ ok: false, reason: 'bad_data' });
    expect(parseCardAction('transition.close', { collaborativeId: 'yh', checkId: 'a/b' })).toMatchObject({ ok: false, reason: 'bad_data' });
    expect(parseCardAction('transition.close', { collaborativeId: 'yh', checkId: CHECK_ID })).toEqual({ ok: true, action: { verb: 'transition.close', data: { collaborativeId: 'yh', checkId: CHECK_ID } } });
  });
});
