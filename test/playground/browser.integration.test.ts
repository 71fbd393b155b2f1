import { expect, it } from 'vitest';
import { mytParts } from '../../cards/teams/form-datetime.ts';
import { createTranslator } from '../../src/i18n/index.ts';
import { describeInBrowser } from '../support/browser.ts';
import { usePlaygroundInBrowser } from '../support/playground-page.ts';

// The playground as a person uses it, in Debian's Chromium: SOP 4.1 from `/changerequest` typed in the
// requester's chat to the closure notice in the announcements channel, switching identity at each step as
// the people of the demo agency would (requester, manager, MAMPU/JDN approver, VAS SOC, requester again),
// clicking the buttons and filling the forms the official Adaptive Cards renderer draws. A screenshot of
// every step is saved under test-results/playground/ (CI keeps the folder as an artifact).

const t = createTranslator('ms');
const en = createTranslator('en');
// Dates the forms ask for, in the page's own date boxes: the change is wanted next week, and Section D
// records an implementation that already happened.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// A description at length, as a requester who explains herself writes it: the cards cannot hold it whole, and
// the approver reads it to its last sentence with "Baca teks penuh" (SOP 4.1 step 4).
const LAST_SENTENCE = 'Ayat terakhir ini mesti dibaca oleh pelulus sebelum membuat keputusan.';
const DESCRIPTION = `Tambah rakan.com.my ke senarai putih. ${'Rakan kongsi projek MyGov menghantar laporan harian dan setiap laporan kini ditanda sebagai spam. '.repeat(26)}${LAST_SENTENCE}`;

describeInBrowser('Playground in a browser: a change request from /changerequest to closure', () => {
  let number = '';
  const { opened, screenshot, actAs, open, cardAbout, field, quiet, click } = usePlaygroundInBrowser();

  it('answers /changerequest typed in the requester’s chat with the form, and opens the ticket from it', async () => {
    const { page, world } = opened();
    await page.goto(`${world.base}/?as=aminah&lang=ms`);
    await open('chat');
    await page.getByTestId('composer').fill(`/changerequest ${DESCRIPTION}`);
    await page.getByTestId('send').click();
    const form = cardAbout(t('form.title.change_request'));
    await form.waitFor();
    expect(await field(form, t('field.description')).inputValue()).toBe(DESCRIPTION);
    // Section A as the requester fills it: her own details are there already. The date is already past, for
    // the bot to refuse below.
    await field(form, t('field.request_type')).selectOption({ index: 1 });
    await field(form, t('field.requested_for')).fill(day(-2));
    await field(form, t('form.label.time_of', { label: t('field.requested_for') })).fill('10:00');
    await field(form, t('field.impact_if_not')).fill('Mel daripada rakan kongsi terus ditolak sebagai spam.');
    // A name that is not on the managers' list is refused by the card itself, saying what to do (UX review, 05).
    // By part of its name: a failed check adds its message to the box's accessible name.
    const manager = form.getByRole('combobox', { name: t('field.manager') });
    await manager.fill('Encik Tiada Dalam Senarai');
    await click(form, t('common.submit'));
    await form.getByText(t('form.error.choose_manager'), { exact: true }).waitFor();
    expect(await form.getByText(t('form.error.required'), { exact: true }).count()).toBe(0);
    // The bot sends the form back with its error under the date: the manager chosen is shown by name, as
    // Teams shows a choice, not by its person id.
    await manager.fill('Abd Rahman bin Ismail');
    await click(form, t('common.submit'));
    await form.getByText(t('form.error.in_past'), { exact: true }).waitFor();
    expect(await manager.inputValue()).toBe('Abd Rahman bin Ismail');
    await field(form, t('field.requested_for')).fill(day(7));
    await screenshot('requester-fills-the-form');
    await click(form, t('common.submit'));
    const notice = page
      .getByTestId('message')
      .filter({ hasText: /CR-\d{4}-\d+/ })
      .last();
    await notice.waitFor();
    number = /CR-\d{4}-\d+/.exec((await notice.textContent()) ?? '')![0];
    await screenshot('requester-sees-the-ticket-number');
    // The timeline shows it at once, waiting for the manager.
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('awaiting_endorsement');
  });

  it('lets the manager endorse it from his own chat', async () => {
    await actAs('rahman');
    await open('chat');
    const card = cardAbout(number);
    await click(card, t('action.endorse'));
    await expect.poll(() => card.getByRole('button', { name: t('action.endorse') }).count()).toBe(0);
    await screenshot('manager-endorsed');
  });

  it('lets an approver who pressed Tolak by mistake see the request in the form and cancel back to it', async () => {
    const { page } = opened();
    await actAs('zulkifli');
    await open('approvals');
    const card = cardAbout(number);
    await card.getByRole('button', { name: t('action.reject'), exact: true }).waitFor();
    await click(card, t('action.reject'));
    const form = cardAbout(t('form.title.reject'));
    await form.getByRole('button', { name: t('common.cancel'), exact: true }).waitFor();
    // What is being decided stays in view above the comment box (UX review, 40).
    for (const text of [number, 'Aminah binti Yusof', 'Tambah rakan.com.my ke senarai putih'])
      expect(await form.textContent()).toContain(text);
    await screenshot('approver-reject-form-with-cancel');
    // Cancel goes through with the required comment left empty, and brings the approval buttons back.
    await click(form, t('common.cancel'));
    const back = cardAbout(number);
    await back.getByRole('button', { name: t('action.approve'), exact: true }).waitFor();
    await page.reload();
    await open('approvals');
    await cardAbout(number)
      .getByRole('button', { name: t('action.approve'), exact: true })
      .waitFor();
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    expect(await ticket.getAttribute('data-state')).toBe('awaiting_approval');

    // The card had to cut the description: "Baca teks penuh" shows it whole, in his own view, and back.
    const approval = cardAbout(number);
    expect(await approval.textContent()).not.toContain(LAST_SENTENCE);
    await click(approval, t('card.full_text'));
    await page.getByText(LAST_SENTENCE).waitFor();
    await screenshot('approver-reads-in-full');
    await click(cardAbout(number), t('card.full_text.back'));
    await cardAbout(number)
      .getByRole('button', { name: t('action.approve'), exact: true })
      .waitFor();
  });

  it('shows the approval buttons only to the approvers, and approves from the approvals channel', async () => {
    const { page, world } = opened();
    // The requester sees the status in the channel, without buttons.
    await actAs('aminah');
    await open('approvals');
    await cardAbout(number).waitFor();
    expect(
      await cardAbout(number)
        .getByRole('button', { name: t('action.approve') })
        .count(),
    ).toBe(0);

    await actAs('zulkifli');
    await open('approvals');
    const card = cardAbout(number);
    await card.getByRole('button', { name: t('action.approve'), exact: true }).waitFor();
    await screenshot('approver-own-view');
    // Noraini approves a moment before Zulkifli's click reaches the bot: he is told who decided, and the
    // answer stays on screen after his card is redrawn with her decision (UX review, 19).
    await page.route(
      '**/playground/api/action',
      async (route) => {
        const data = route.request().postDataJSON() as {
          conversation: string;
          messageId: string;
          verb: string;
          data: Record<string, unknown>;
        };
        await world.page.action('noraini', data.conversation, data.messageId, data.verb, data.data);
        await world.settle();
        await route.continue();
      },
      { times: 1 },
    );
    await click(card, t('action.approve'));
    await expect.poll(() => card.getByRole('button', { name: t('action.approve') }).count()).toBe(0);
    const answer = page
      .getByTestId('message')
      .filter({ hasText: number, has: page.getByTestId('card') })
      .last()
      .getByTestId('action-answer');
    await expect.poll(() => answer.textContent()).toContain('Noraini');
    await quiet();
    await page.waitForTimeout(1500);
    expect(await answer.textContent()).toContain('Noraini');
    await answer.getByRole('button', { name: t('playground.action.dismiss') }).click();
    expect(await answer.count()).toBe(0);
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('awaiting_implementation');
    await screenshot('approved');
  });

  it('lets SOC fill Section B and Section D inside the card in the SOC channel', async () => {
    const { page, world } = opened();
    await actAs('hafiz');
    await open('soc');
    const card = cardAbout(number);
    await click(card, t('action.start_implementation'));
    // Section B opens in the card for the engineer who pressed the button.
    const sectionB = cardAbout(t('form.title.start_implementation'));
    await field(sectionB, t('field.change_type')).selectOption({ index: 1 });
    await field(sectionB, t('field.risk')).selectOption({ index: 1 });
    await field(sectionB, t('field.urgency')).selectOption({ index: 1 });
    await field(sectionB, t('field.impact')).selectOption({ index: 1 });
    for (const [key, time] of [
      ['field.planned_start', '09:00'],
      ['field.planned_end', '10:00'],
    ] as const) {
      await field(sectionB, t(key)).fill(day(1));
      await field(sectionB, t('form.label.time_of', { label: t(key) })).fill(time);
    }
    await field(sectionB, t('field.change_activities')).fill(
      'Tambah rakan.com.my ke senarai putih gerbang anti-spam.',
    );
    await field(sectionB, t('field.fallback_plan')).fill('Buang entri daripada senarai.');
    // A colleague writes in the channel while Hafiz fills the form: the page redraws the conversation, and
    // must keep the form he is typing into (the stored card comes back with its keys in another order).
    const socId = await page
      .locator('[data-testid="conversation"][data-purpose="soc"]')
      .getAttribute('data-conversation');
    expect((await world.page.send('syafiqah', socId!, 'help', 'en')).status).toBe(200);
    await page
      .getByTestId('message')
      .filter({ hasText: /I understand these commands/ })
      .last()
      .waitFor();
    await page.waitForTimeout(300);
    expect(await field(sectionB, t('field.fallback_plan')).inputValue()).toBe(
      'Buang entri daripada senarai.',
    );
    await screenshot('soc-fills-section-b');
    await click(sectionB, t('action.start_implementation'));

    const implementing = cardAbout(number);
    await click(implementing, t('action.mark_implemented'));
    const sectionD = cardAbout(t('form.title.mark_implemented'));
    // Section D's actual times come after MAMPU's approval a moment ago, in Malaysia time.
    for (const [key, minutes] of [
      ['field.actual_start', 3],
      ['field.actual_end', 1],
    ] as const) {
      const at = mytParts(new Date(Date.now() - minutes * 60_000).toISOString())!;
      await field(sectionD, t(key)).fill(at.date);
      await field(sectionD, t('form.label.time_of', { label: t(key) })).fill(at.time);
    }
    await field(sectionD, t('field.status')).selectOption({ index: 1 });
    await click(sectionD, t('common.submit'));
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('awaiting_confirmation');
    await screenshot('soc-recorded-section-d');
  });

  it('closes when the requester confirms, and announces the closure in the announcements channel', async () => {
    const { page } = opened();
    await actAs('aminah');
    await open('chat');
    const card = cardAbout(number);
    await click(card, t('action.confirm_resolved'));
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('closed');
    await open('announcements');
    await page.getByTestId('message').filter({ hasText: number }).last().waitFor();
    await screenshot('closure-announced');
  });

  it('speaks English on request, and the bot answers each person in their configured language', async () => {
    const { page } = opened();
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await open('approvals');
    await page.getByText(en('playground.channel.approvals')).first().waitFor();
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.textContent()).toContain(en('state.closed'));
    // Azlan (the vendor) is configured in English: the bot tells him in English what it understands.
    await actAs('azlan');
    await open('chat');
    await page.getByTestId('composer').fill('hello');
    await page.getByTestId('send').click();
    await page
      .getByTestId('message')
      .filter({ hasText: /I understand these commands/ })
      .waitFor();
    await screenshot('in-english');
    // Nothing left loopback: the page works air-gapped.
    expect(opened().blocked).toEqual([]);
  });
});
