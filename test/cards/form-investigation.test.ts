import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../cards/forms/definitions.ts';
import type { FormKind, FormView } from '../../cards/forms/types.ts';
import { SLACK_LIMITS } from '../../cards/slack/limits.ts';
import { blockKitProblems } from '../../cards/slack/problems.ts';
import { renderSlackModal } from '../../cards/slack/render-modal.ts';
import { jsonBytes, TEAMS_LIMITS } from '../../cards/teams/limits.ts';
import { renderTeamsForm } from '../../cards/teams/render-form.ts';
import { buildCardModel, type TicketCardSource } from '../../cards/ticket-card.ts';
import { investigationSection, type StoredCheckRun } from '../../src/investigation/card-section.ts';
import { investigationRun, worstCaseRuns } from '../investigation/runs.ts';
import { adaptiveCardProblems } from '../support/adaptive-card-checks.ts';
import { essaySource, plainSource } from './slack/fixtures.ts';
import { en, ms, textOf } from './teams/fixtures.ts';

// The forms a complaint's card opens keep the bot's investigation in view: SOC writes its findings from it
// (SOP 4.2 step 3), escalates or resolves with it, and the requester answers the request to test beside the
// re-check. A Slack modal covers the card; a Teams form takes its place.

const COMPLAINT_FORMS: readonly FormKind[] = [
  'record_findings',
  'escalate_to_vendor',
  'mark_resolved',
  'vendor_resolved',
  'report_still_failing',
  'withdraw',
];

function withRuns(source: TicketCardSource, runs: readonly StoredCheckRun[]): TicketCardSource {
  const investigation = investigationSection(runs);
  return investigation ? { ...source, investigation } : source;
}
const model = (runs: readonly StoredCheckRun[], source = plainSource('complaint', 'investigating')) =>
  buildCardModel('soc', withRuns(source, runs));

function view(kind: FormKind): FormView {
  return {
    definition: formDefinition(kind, { endorsementRequired: false }),
    context: { kind, ticketId: 'tkt-1', ticketNumber: 'AD-2025-000007', version: 2 },
    values: {},
    errors: {},
  };
}

describe('a form opened from a complaint card', () => {
  it('shows SOC the investigation above the findings box in Slack, what failed and how to fix it', () => {
    const { investigation } = model([investigationRun()]);
    const modal = renderSlackModal(view('record_findings'), ms, { investigation: investigation! });
    const words = JSON.stringify(modal.blocks);
    expect(words).toContain('Siasatan automatik (SOP 4.2 langkah 3)');
    expect(words).toContain('Had 10 carian DNS SPF');
    expect(words).toContain('Cara membetulkan:');
    const kinds = modal.blocks.map((b) => b.type);
    expect(kinds.lastIndexOf('section')).toBeLessThan(kinds.indexOf('input'));
    expect(
      JSON.stringify(renderSlackModal(view('record_findings'), en, { investigation: investigation! })),
    ).toContain('SPF limit of 10 DNS lookups');
  });

  it('shows the same in the Teams form, after the ticket and before the fields', () => {
    const card = renderTeamsForm(view('record_findings'), ms, {
      people: [],
      ticket: model([investigationRun()]),
    });
    const said = textOf(card.body);
    expect(said).toContain('Siasatan automatik (SOP 4.2 langkah 3)');
    expect(said).toContain('Had 10 carian DNS SPF');
    expect(said.indexOf('Siasatan automatik')).toBeLessThan(said.indexOf('"Input.Text"'));
  });

  it('adds nothing to a form about a ticket the bot has not investigated', () => {
    const none = model([]);
    expect(none.investigation).toBeUndefined();
    expect(JSON.stringify(renderSlackModal(view('record_findings'), ms, {}))).not.toContain(
      'Siasatan automatik',
    );
    expect(
      textOf(renderTeamsForm(view('record_findings'), ms, { people: [], ticket: none }).body),
    ).not.toContain('Siasatan automatik');
  });

  it.each(COMPLAINT_FORMS)('keeps %s within both platforms’ limits with the most broken domain', (kind) => {
    const worst = model(worstCaseRuns(), { ...essaySource(), ...plainSource('complaint', 'investigating') });
    for (const texts of [ms, en]) {
      const modal = renderSlackModal(view(kind), texts, { investigation: worst.investigation! });
      expect(blockKitProblems(modal)).toEqual([]);
      expect(modal.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.viewBlocks);
      expect(modal.blocks.some((b) => b.type === 'input')).toBe(true);
      const card = renderTeamsForm(view(kind), texts, { people: [], ticket: worst });
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(jsonBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
      expect(textOf(card.body)).toContain(texts.t('card.investigation.title'));
    }
  });
});
