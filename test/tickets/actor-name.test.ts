import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../flows/types.ts';
import { Directory } from '../../src/directory/directory.ts';
import { actorNameOf } from '../../src/tickets/card-source.ts';

// Who did an audited step, as a ticket's history on its card and in the playground's timeline names them.

const directory = new Directory(
  [{ id: 'aminah', name: 'Aminah binti Yusof', locale: 'ms', roles: ['requester'], identities: {} }],
  {},
  'ms',
);

describe('the name a ticket’s history gives whoever took a step', () => {
  it('is the name recorded with the step, else the configured person’s, else the id', () => {
    expect(actorNameOf({ actorId: 'aminah', data: { actorName: 'Aminah Y.' } }, directory)).toBe('Aminah Y.');
    expect(actorNameOf({ actorId: 'aminah', data: {} }, directory)).toBe('Aminah binti Yusof');
    expect(actorNameOf({ actorId: 'bekas.staf', data: null }, directory)).toBe('bekas.staf');
  });

  it('is the bot’s own name for the steps the bot took without recording one (SLA reminders, escalations)', () => {
    const reminder = { actorId: SYSTEM_ACTOR.id, data: { state: 'awaiting_confirmation', count: 1 } };
    expect(actorNameOf(reminder, directory)).toBe('mailops');
  });
});
