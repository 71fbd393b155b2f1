import { describe, expect, it } from 'vitest';
import { actionFromForm, FORM_FOR_ACTION } from '../../cards/forms/definitions.ts';
import { actionIdOf, actionOfId } from '../../cards/ids.ts';
import { TICKET_ACTION_TYPES } from '../../flows/types.ts';
import { createTranslator } from '../../src/i18n/index.ts';
import { MANAGERS } from '../flows/fixtures.ts';
import { FILLED } from './forms/filled.ts';

// Every action a person can take reaches the flows the same way on Slack, Teams and the playground: its
// button carries a stable id (Slack action_id, Teams Action.Execute verb) that both adapters read back to
// the action, and a button that needs input opens a form whose answers become that very action.

const ON = { endorsementRequired: true, managers: MANAGERS };

describe('ticket action wiring', () => {
  it.each(TICKET_ACTION_TYPES)('%s has a button id both platforms read back to it', (action) => {
    expect(actionIdOf(action)).toBe(`mailops.act.${action}`);
    expect(actionOfId(actionIdOf(action))).toBe(action);
  });

  it.each(TICKET_ACTION_TYPES)(
    '%s has a button label in Malay and English that fits a Slack button',
    (action) => {
      for (const locale of ['ms', 'en'] as const) {
        const label = createTranslator(locale)(`action.${action}`);
        expect(label).not.toBe(`action.${action}`);
        expect(label.length).toBeLessThanOrEqual(75);
      }
    },
  );

  it.each(TICKET_ACTION_TYPES.filter((a) => FORM_FOR_ACTION[a] !== undefined))(
    '%s opens a form whose answers become that action',
    (action) => {
      const kind = FORM_FOR_ACTION[action];
      if (kind === undefined) throw new Error(`no form for ${action}`);
      expect(actionFromForm({ kind, ticketId: 'tkt-1', version: 3 }, FILLED[kind], ON).type).toBe(action);
    },
  );
});
