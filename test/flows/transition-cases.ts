import { expect } from 'vitest';
import { decide } from '../../flows/decide.ts';
import type { Actor, Audience, CardKind, TicketAction, TicketSnapshot } from '../../flows/types.ts';
import { expectDecision, NOW, ticket } from './fixtures.ts';

// One row of a transition table test (SOP 4.1 and 4.2) and the checks every row gets.

export interface TransitionCase {
  readonly name: string;
  readonly ticket: TicketSnapshot | null;
  readonly actor: Actor;
  readonly action: TicketAction;
  readonly to: string;
  readonly step: string;
  readonly event: string;
  readonly notify: readonly (readonly [Audience, string])[];
  readonly posts?: readonly (readonly [CardKind, Audience])[];
  readonly sections?: readonly string[];
  readonly assign?: readonly { role: string; person: string }[];
}

export const role = (r: 'approver' | 'soc' | 'vendor' | 'service_desk'): Audience => ({ role: r });
export const cr = (state: Parameters<typeof ticket>[1], o: Partial<TicketSnapshot> = {}) =>
  ticket('change_request', state, o);
export const ad = (state: Parameters<typeof ticket>[1]) => ticket('complaint', state);

const sortByJson = <T>(xs: readonly T[]) => [...xs].map((x) => JSON.stringify(x)).sort();

/** `strictAssign`: a row without `assign` must assign nobody. */
export function expectTransition(c: TransitionCase, options: { strictAssign?: boolean } = {}): void {
  const d = expectDecision(decide(c.ticket, c.action, c.actor, NOW));
  expect(d.from).toBe(c.ticket?.state ?? null);
  expect(d.to).toBe(c.to);
  expect(d.step).toBe(c.step);
  expect(d.event).toEqual({ type: c.event, data: expect.objectContaining({ step: c.step }) });
  expect(sortByJson(d.notify.map((n) => [n.to, n.message.key]))).toEqual(sortByJson(c.notify));
  const posted = d.cards.filter((x) => x.op === 'post').map((x) => (x.op === 'post' ? [x.card, x.to] : []));
  expect(sortByJson(posted)).toEqual(sortByJson(c.posts ?? []));
  // Every decision re-renders every posted copy of the ticket's cards.
  expect(d.cards.at(-1)).toEqual({ op: 'refresh', card: 'all' });
  if (c.sections) expect(d.sections.map((s) => s.section)).toEqual(c.sections);
  if (options.strictAssign || c.assign) expect(d.assign ?? []).toEqual(c.assign ?? []);
}
