import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { screenshot } from './tab-page';
import { DEMO, DESKTOP, PHONE, withTabSession, type TabSession } from './tab-session';

// The Pulses page in Debian's Chromium against the real stack (Azurite, the seeded demo, the
// built server with the development sign-in): for facilitators, readable at 390 px, a pulse
// scheduled from the form and cancelled through the dialog.
jest.setTimeout(300_000);


const sessionOf = withTabSession();
let session: TabSession;
let page: Page;
beforeAll(() => {
  session = sessionOf();
  page = session.page;
});

/** A weekday at least a week ahead, as YYYY-MM-DD (UK dates; 10:00 is outside quiet hours). */
function weekdayAhead(days: number, saturday = false): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (saturday ? d.getUTCDay() !== 6 : d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A modal dialog's own accessibility: while it is open, Fluent's focus trap (Tabster's
 * modaliser) marks the page behind it aria-hidden, which axe reports as aria-hidden-focus on
 * #root; keyboard focus cannot leave the dialog, so that finding is about the page behind,
 * checked on its own before the dialog opened. The dialog itself must have no serious finding.
 */
async function expectDialogAccessible(name: string, dialog = 'cancel-dialog'): Promise<void> {
  await screenshot(page, name);
  const results = await new AxeBuilder({ page }).include(`[data-part="${dialog}"]`).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help}`);
  expect(serious).toEqual([]);
}

const card = (name: string) => page.locator('li[data-pulse]', { has: page.getByRole('heading', { name, exact: true }) });

describe('the Pulses page', () => {
  it('shows a facilitator the pulses from the section navigation, at desktop width and at 390 px', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(session.url('/tab/', { collaborative: DEMO }, '#overview'));
    const link = page.getByRole('link', { name: 'Pulses', exact: true });
    await link.click();
    await page.getByRole('heading', { name: 'Pulses', exact: true }).waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    for (const title of ['Open now', 'Scheduled', 'Closed', 'Cancelled']) await page.getByRole('heading', { name: title, exact: true }).waitFor();
    // The demo has pulses; each card says who is asked and what is rated, by name.
    const cards = page.locator('li[data-pulse]');
    await cards.first().waitFor();
    await expect(cards.first().innerText()).resolves.toMatch(/Asking[\s\S]*Rating/);
    // No count below k is ever shown as a number: "fewer than k" instead (checked on the wire by the API tests).
    await session.expectAccessible('pulses-desktop');
    await page.setViewportSize(PHONE);
    await session.expectAccessible('pulses-390');
    expect(await session.overflowing()).toEqual([]);
  });

  it('schedules a pulse from the form (a refusal shown by its field, a preview, then saved) and lists it as scheduled', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(session.url('/tab/', { collaborative: DEMO }, '#pulses'));
    await page.getByRole('link', { name: 'Start or schedule a pulse' }).click();
    await page.getByRole('heading', { name: 'Start or schedule a pulse' }).waitFor();
    await page.getByLabel('Title').fill('Winter check-in');
    await page.getByRole('radio', { name: 'Schedule it for later' }).check();
    // A Saturday is in quiet hours: the server's own words appear under the opening day.
    await page.getByLabel('Opening day').fill(weekdayAhead(7, true));
    await page.getByLabel('Opening time').fill('10:00');
    await page.getByRole('button', { name: 'Check the schedule' }).click();
    const refusal = page.locator('[data-part="opensAt-error"]');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toContain('quiet hours');
    await session.expectAccessible('pulses-form-error-390');

    await page.getByLabel('Opening day').fill(weekdayAhead(7));
    await page.getByRole('button', { name: 'Check the schedule' }).click();
    const preview = page.locator('[data-part="schedule-preview"]');
    await preview.waitFor();
    await expect(preview.innerText()).resolves.toContain('Opens');
    expect(await session.overflowing()).toEqual([]);
    await session.expectAccessible('pulses-form-390');
    await page.getByRole('button', { name: 'Schedule it' }).click();

    await page.locator('[data-part="notice"]').getByText('is scheduled').waitFor();
    const scheduled = card('Winter check-in');
    await scheduled.waitFor();
    expect(await scheduled.getAttribute('data-status')).toBe('draft');
    expect(await page.locator('section[data-section="draft"] li[data-pulse]', { hasText: 'Winter check-in' }).count()).toBe(1);
    await expect(scheduled.innerText()).resolves.toContain('Opens');
  });

  it('starts a pulse now from the form, asking one group, and lists it as open with its scope by name', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(session.url('/tab/', { collaborative: DEMO }, '#pulses/new'));
    await page.getByRole('heading', { name: 'Start or schedule a pulse' }).waitFor();
    await page.getByLabel('Title').fill('Commissioners now');
    const asking = page.locator('fieldset[data-field="asking"]');
    await asking.getByRole('radio', { name: 'Only the groups I choose' }).check();
    await asking.getByRole('checkbox', { name: 'Commissioners' }).check();
    const rating = page.locator('fieldset[data-field="rating"]');
    await rating.getByRole('radio', { name: 'Only the groups I choose' }).check();
    await rating.getByRole('checkbox', { name: 'Commissioners' }).check();
    await rating.getByRole('checkbox', { name: 'Maternity services' }).check();
    await session.expectAccessible('pulses-form-desktop');
    await page.getByRole('button', { name: 'Start the pulse now' }).click();
    await page.locator('[data-part="notice"]').getByText('is open').waitFor();
    const started = card('Commissioners now');
    expect(await started.getAttribute('data-status')).toBe('open');
    const words = await started.innerText();
    expect(words).toMatch(/Asking\s+Commissioners/);
    expect(words).toMatch(/Rating\s+Commissioners, Maternity services/);
    // Nobody has answered: the count reads "fewer than k", never 0.
    expect(words).toMatch(/Answered\s+fewer than \d/);
  });

  it('extends the open pulse and sends it again, from the keyboard', async () => {
    await page.setViewportSize(PHONE);
    const open = card('Commissioners now');
    const closesBefore = await open.locator('dt:has-text("Closes") + dd').innerText();
    await open.getByRole('button', { name: 'Extend' }).focus();
    await page.keyboard.press('Enter');
    const extend = page.getByRole('dialog');
    const days = extend.getByLabel('Days more');
    await days.waitFor();
    await days.fill('3');
    await expectDialogAccessible('pulses-extend-390', 'extend-dialog');
    await page.keyboard.press('Enter');
    await page.locator('[data-part="notice"]').getByText('now closes').waitFor();
    await extend.waitFor({ state: 'detached' });
    // The list loads again: the card then says it was extended, and closes later.
    await open.locator('dt:has-text("Extended")').waitFor();
    await expect(open.locator('dt:has-text("Closes") + dd').innerText()).resolves.not.toBe(closesBefore);
    await expect(open.innerText()).resolves.toMatch(/Extended\s+once/);

    await open.getByRole('button', { name: 'Send again' }).focus();
    await page.keyboard.press('Enter');
    const resend = page.getByRole('dialog');
    await resend.getByRole('button', { name: 'Send it again' }).waitFor();
    await expectDialogAccessible('pulses-resend-390', 'resend-dialog');
    await page.keyboard.press('Escape');
    await resend.waitFor({ state: 'detached' });
    await open.getByRole('button', { name: 'Send again' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send it again' }).click();
    await page.locator('[data-part="notice"]').getByText(/nobody needed the card again|on its way again/).waitFor();
  });

  it('asks before cancelling an open pulse and keeps it on "No"; cancels the scheduled one through the dialog', async () => {
    await page.setViewportSize(PHONE);
    await page.goto(session.url('/tab/', { collaborative: DEMO }, '#overview'));
    await page.getByRole('link', { name: 'Pulses', exact: true }).click();
    await page.locator('li[data-pulse]').first().waitFor();
    // An open pulse's question first: its answers would be deleted. "No, keep it" changes nothing.
    const open = card('Commissioners now');
    await open.getByRole('button', { name: 'Cancel pulse' }).click();
    const asked = page.getByRole('alertdialog');
    await asked.getByText('Cancelling deletes every answer given to this pulse').waitFor();
    await asked.getByText('No results will ever be shown for it').waitFor();
    await expectDialogAccessible('pulses-cancel-open-390');
    await asked.getByRole('button', { name: 'No, keep it' }).click();
    await asked.waitFor({ state: 'detached' });
    await page.locator('#root:not([aria-hidden="true"])').waitFor({ state: 'attached', timeout: 5_000 });
    expect(await open.getAttribute('data-status')).toBe('open');

    await card('Winter check-in').getByRole('button', { name: 'Cancel pulse' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('This pulse has not opened yet').waitFor();
    await dialog.getByText('No results will ever be published for it').waitFor();
    await expectDialogAccessible('pulses-cancel-draft-390');
    await dialog.getByRole('button', { name: 'Yes, cancel it and delete its answers' }).click();
    await page.locator('[data-part="notice"]').getByText('was cancelled').waitFor();
    const cancelled = page.locator('section[data-section="cancelled"] li[data-pulse]', { hasText: 'Winter check-in' });
    await cancelled.waitFor();
    await expect(cancelled.innerText()).resolves.toContain('nothing was published');
    // Closed, the dialog gives the page back to screen readers.
    await page.locator('#root:not([aria-hidden="true"])').waitFor({ state: 'attached', timeout: 5_000 });
    await session.expectAccessible('pulses-cancelled-390');
  });

  it('is not offered to someone who is not a facilitator, and refused if they go to it', async () => {
    await page.setViewportSize(DESKTOP);
    const users = (await (await fetch(`${session.stack.baseUrl}/api/dev/users`)).json()) as { users: { upn: string; role: string }[] };
    const viewer = users.users.find((u) => u.role !== 'facilitator')!.upn;
    const as = (hash: string) => `${session.stack.baseUrl}/tab/?${new URLSearchParams({ collaborative: DEMO, as: viewer }).toString()}${hash}`;
    await page.goto(as('#overview'));
    await page.getByRole('link', { name: 'Interventions' }).waitFor();
    expect(await page.getByRole('link', { name: 'Pulses', exact: true }).count()).toBe(0);
    await page.goto(as('#pulses'));
    await page.getByText("Only the collaborative's facilitators can manage pulses.").waitFor();
    expect(await page.locator('li[data-pulse]').count()).toBe(0);
  });
});
