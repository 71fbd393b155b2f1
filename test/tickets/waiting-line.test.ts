import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/types.ts';
import type { Directory } from '../../src/directory/directory.ts';
import { describeResultWithNames } from '../../src/tickets/waiting-line.ts';
import { WRONG_ROLE_ON_APPROVAL } from './refusals.ts';

// The names in a refusal are read from the ticket's card; a refusal is still complete without them.

const refused = WRONG_ROLE_ON_APPROVAL;
const ENGLISH = { locale: 'en', person: undefined } as const;

let reads = 0;
const unreadable = (): Db => {
  const down = () => {
    reads += 1;
    return Promise.reject(new Error('connection terminated'));
  };
  return { $transaction: down, ticket: { findUnique: down } } as unknown as Db;
};

describe('the names of who acts next in a reply', () => {
  it('says the role when the card cannot be read, rather than failing the reply', async () => {
    const source = { db: unreadable(), directory: {} as Directory, clock: { now: () => new Date() } };
    const reply = await describeResultWithNames(source, 'a-ticket', refused, ENGLISH);
    expect(reads).toBeGreaterThan(0);
    expect(reply.text).toBe(
      'Only the Approver role can take this action. Next step, for Approver: Approve, Reject. ' +
        'There is nothing for you to do on this ticket now.',
    );
  });

  it('reads nothing for a reply that names no next step', async () => {
    const source = { db: unreadable(), directory: {} as Directory, clock: { now: () => new Date() } };
    const reply = await describeResultWithNames(
      source,
      'a-ticket',
      { status: 'not_found' },
      ENGLISH,
      'CR-2026-1',
    );
    expect(reply.text).toMatch(/^Ticket CR-2026-1 was not found/);
  });
});
