import { expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/index.ts';
import { describeInBrowser } from '../support/browser.ts';
import { usePlaygroundInBrowser } from '../support/playground-page.ts';

// SOP 4.2 in the playground, in Debian's Chromium: the requester types `/mailcomplaint` with the domain and
// what happens, fills the rest of the form the official Adaptive Cards renderer draws, and VAS SOC records its
// findings in the SOC channel from a form that keeps the bot's investigation in view above the box.

const t = createTranslator('ms');
/** Yesterday in Malaysia time: when the requester says it started, never in the future whatever the hour. */
const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

describeInBrowser('Playground in a browser: a complaint from /mailcomplaint to SOC’s findings', () => {
  let number = '';
  const { opened, screenshot, actAs, open, cardAbout, field, click } = usePlaygroundInBrowser('complaint-');

  it('files the complaint from the words typed after the command', async () => {
    const { page, world } = opened();
    await page.goto(`${world.base}/?as=aminah&lang=ms`);
    await open('chat');
    await page
      .getByTestId('composer')
      .fill('/mailcomplaint agensi.gov.my tidak dapat menerima e-mel sejak pagi');
    await page.getByTestId('send').click();
    const form = cardAbout(t('form.title.complaint'));
    await form.waitFor();
    expect(await field(form, t('field.domain')).inputValue()).toBe('agensi.gov.my');
    expect(await field(form, t('field.complaint_description')).inputValue()).toBe(
      'tidak dapat menerima e-mel sejak pagi',
    );
    await field(form, t('field.direction')).selectOption({ index: 2 });
    await field(form, t('field.started_at')).fill(yesterday());
    await field(form, t('form.label.time_of', { label: t('field.started_at') })).fill('00:05');
    await field(form, t('field.bounce_text')).fill(
      '550 5.1.1 <pegawai@agensi.gov.my>: Recipient address rejected',
    );
    await screenshot('requester-fills-the-complaint');
    await click(form, t('action.submit_complaint'));
    const notice = page
      .getByTestId('message')
      .filter({ hasText: /AD-\d{4}-\d+/ })
      .last();
    await notice.waitFor();
    number = /AD-\d{4}-\d+/.exec((await notice.textContent()) ?? '')![0];
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('investigating');
  });

  it('shows SOC the investigation above the findings box, and records the findings', async () => {
    const { page } = opened();
    await actAs('hafiz');
    await open('soc');
    const card = cardAbout(number);
    await card.getByText(t('card.investigation.title')).waitFor();
    await click(card, t('action.record_findings'));
    const form = cardAbout(t('form.title.record_findings'));
    await form.waitFor();
    // The form took the card's place: the investigation and the pasted bounce as the bot read it stay in view.
    await form.getByText(t('card.investigation.title')).waitFor();
    await form.getByText('5.1.1', { exact: false }).first().waitFor();
    const findings = 'MX agensi.gov.my betul; peti mel pegawai@ tiada dalam direktori.';
    await field(form, t('field.findings')).fill(findings);
    await screenshot('soc-writes-findings-beside-the-investigation');
    await click(form, t('common.submit'));
    await cardAbout(number).getByText(findings).waitFor();
    const ticket = page.locator(`[data-testid="ticket"][data-number="${number}"]`);
    await expect.poll(() => ticket.getAttribute('data-state')).toBe('investigating');
    await screenshot('soc-card-shows-the-findings');
    // Nothing left loopback: the page works air-gapped.
    expect(opened().blocked).toEqual([]);
  });
});
