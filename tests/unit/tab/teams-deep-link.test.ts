import { planHash, tabLinkTo } from '../../../src/cards/transition-alert-card';
import { hashForSubPage } from '../../../tab/src/host/sub-page';
import { routeFromHash } from '../../../tab/src/interventions/iv-route';

/** What Teams hands the tab from a deep link: the context's subEntityId, as page.subPageId. */
function subPageOf(deepLink: string): string {
  return (JSON.parse(new URL(deepLink).searchParams.get('context')!) as { subEntityId: string }).subEntityId;
}

describe('a Teams deep link into the tab', () => {
  const TEAMS_TAB = 'https://teams.microsoft.com/l/entity/00000000-0000-4000-8000-000000000001/rcpulse-results';

  it('opens the intervention form a "Plan" button names, filled in, not the default page', () => {
    const hash = planHash({ fromId: 'mbu', toId: 'community' }, ['timely', 'accurate'], 'p3-abc', 'joint-huddle');
    const link = tabLinkTo(TEAMS_TAB, hash)!;
    const followed = hashForSubPage(subPageOf(link), '');
    expect(followed).toBe(hash);
    expect(routeFromHash(followed!)).toMatchObject({ page: 'new', prefill: { ties: [{ from: 'mbu', to: 'community' }], dimensions: ['timely', 'accurate'], pulseId: 'p3-abc' } });
  });

  it('keeps the place the address already has (a reload inside Teams stays where it was)', () => {
    expect(hashForSubPage('interventions', '#trend')).toBeUndefined();
    expect(hashForSubPage('interventions', '')).toBe('#interventions');
    expect(hashForSubPage(undefined, '')).toBeUndefined();
  });

  it('ignores a sub-page that is not a plain route', () => {
    for (const bad of ['javascript:alert(1)', '<img src=x onerror=alert(1)>', 'interventions new', `a${'b'.repeat(300)}`, '"quoted"']) {
      expect(hashForSubPage(bad, '')).toBeUndefined();
    }
  });
});
