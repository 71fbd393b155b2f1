import type { types as slack } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { formDefinition } from '../../../cards/forms/definitions.ts';
import { renderSlackCard } from '../../../cards/slack/render-card.ts';
import { renderSlackHome } from '../../../cards/slack/render-home.ts';
import { renderSlackModal } from '../../../cards/slack/render-modal.ts';
import { buildCardModel } from '../../../cards/ticket-card.ts';
import { textsFor } from '../../../src/i18n/texts.ts';
import { plainSource } from './fixtures.ts';

// cards/ writes its own Block Kit types (it may not import @slack/*); this file only compiles while they
// still fit the official ones the adapter passes them to, so tsc --noEmit is the real check.

describe('the Block Kit shapes cards/ emits', () => {
  it('are assignable to @slack/types', () => {
    const texts = textsFor('ms');
    const message = renderSlackCard(
      buildCardModel('approval', plainSource('change_request', 'awaiting_approval')),
      texts,
    );
    const blocks: slack.KnownBlock[] = message.blocks;
    const modal: slack.ModalView = renderSlackModal(
      {
        definition: formDefinition('reject', { endorsementRequired: true }),
        context: { kind: 'reject' },
        values: {},
        errors: {},
      },
      texts,
    );
    const home: slack.HomeView = renderSlackHome(
      { personName: null, known: true, myOpen: [], waitingForMe: [], recentlyClosed: [] },
      texts,
    );
    expect([blocks.length, modal.type, home.type]).toEqual([message.blocks.length, 'modal', 'home']);
  });
});
