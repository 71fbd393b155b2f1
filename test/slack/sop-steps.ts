import { expect } from 'vitest';
import type { TicketActionType } from '../../flows/types.ts';
import type { SlackUserRef } from '../support/slack/payload-parts.ts';
import type { ViewValues } from '../support/slack/view-state.ts';
import { dmOf, PEOPLE, type SlackWorld, until } from '../support/slack-world.ts';
import { complaint, sectionA } from './form-answers.ts';

// Steps several suites need to reach the state they test, taken the way people take them: a slash
// command, the modal it opened, a click on the card the bot posted. Each returns once the outbox has
// delivered what the step caused.

async function newestTicketNumber(world: SlackWorld): Promise<string> {
  const ticket = await world.db.ticket.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
  return ticket.number;
}

export async function stateOf(world: SlackWorld, number: string): Promise<string> {
  return (await world.ticket(number)).state;
}

export function stateBecomes(world: SlackWorld, number: string, expected: string) {
  return until(async () => (await stateOf(world, number)) === expected, `${number} to become ${expected}`);
}

/** `/changerequest` and Section A with the manager picked; returns the new ticket's number. */
export async function requestChange(
  world: SlackWorld,
  description = 'Tambah rakan.com.my ke senarai putih anti-spam',
  requester: SlackUserRef = PEOPLE.aminah,
): Promise<string> {
  const opened = world.modals().length;
  await world.command(requester, '/changerequest', description);
  const modal = await world.modalAfter(opened);
  expect(await world.submit(requester, modal, sectionA(PEOPLE.rahman.id))).toMatchObject({
    status: 200,
    body: '',
  });
  const number = await newestTicketNumber(world);
  await world.settle();
  return number;
}

/** `/mailcomplaint <domain>` and the complaint form; returns the new ticket's number. */
export async function complain(world: SlackWorld, domain: string, requester: SlackUserRef = PEOPLE.aminah) {
  const opened = world.modals().length;
  await world.command(requester, '/mailcomplaint', domain);
  const modal = await world.modalAfter(opened);
  expect(await world.submit(requester, modal, complaint(world.now()))).toMatchObject({
    status: 200,
    body: '',
  });
  const number = await newestTicketNumber(world);
  await world.settle();
  return number;
}

/** The manager endorses from the card in their DM. */
export async function endorse(world: SlackWorld, number: string): Promise<void> {
  await world.click(PEOPLE.rahman, world.cardWith(dmOf(PEOPLE.rahman), 'endorse', number), 'endorse');
  await stateBecomes(world, number, 'awaiting_approval');
  await world.settle();
}

/** Clicks a button that opens a form, fills it in and sends it; expects the action to be applied. */
export async function actWithForm(
  world: SlackWorld,
  who: SlackUserRef,
  channel: string,
  number: string,
  action: TicketActionType,
  values: ViewValues,
): Promise<void> {
  const opened = world.modals().length;
  await world.click(who, world.cardWith(channel, action, number), action);
  const form = await world.modalAfter(opened);
  expect(await world.submit(who, form, values)).toMatchObject({ status: 200, body: '' });
  await world.settle();
}

/** A change request endorsed and waiting for MAMPU/JDN's decision. */
export async function awaitingApproval(world: SlackWorld, description?: string): Promise<string> {
  const number = await requestChange(world, description);
  await endorse(world, number);
  return number;
}
