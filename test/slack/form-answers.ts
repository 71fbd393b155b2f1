import { field, type ViewValues } from '../support/slack/view-state.ts';
import { PEOPLE } from '../support/slack-world.ts';

// What people type into the bot's modals, as view_submission values (block_id → action_id 'value').
// Fields the bot pre-filled (Section A's requester block, the description from the command, the
// signer's name) are left to the modal's own initial values.

const seconds = (ms: number) => Math.floor(ms / 1000);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Section A, with the endorsing manager picked from the configured managers the modal lists by person id.
 * `manager` is the suites' Slack user id (PEOPLE), whose key there is the person id of the configuration.
 */
export function sectionA(manager: string): ViewValues {
  const personId = Object.entries(PEOPLE).find(([, p]) => p.id === manager)?.[0] ?? manager;
  return {
    'manager.id': { value: field.select(personId) },
    requestType: { value: field.select('change') },
    requestedAt: { value: field.dateTime(seconds(Date.now() + 48 * HOUR)) },
    impactIfNotImplemented: {
      value: field.text('E-mel daripada rakan kongsi akan terus ditolak sebagai spam.'),
    },
  };
}

/** Section B: the implementer's plan; the name and designation come pre-filled. */
export function sectionB(): ViewValues {
  return {
    typeOfChange: { value: field.select('normal') },
    risk: { value: field.select('low') },
    urgency: { value: field.select('average') },
    impact: { value: field.select('multiple_users') },
    plannedStart: { value: field.dateTime(seconds(Date.now() + HOUR)) },
    plannedEnd: { value: field.dateTime(seconds(Date.now() + 2 * HOUR)) },
    activities: { value: field.text('Kemas kini rekod SPF dan senarai putih pada gerbang anti-spam.') },
    fallbackPlan: { value: field.text('Pulihkan konfigurasi daripada sandaran semalam.') },
  };
}

/** Section D: done in the last few minutes, after MAMPU approved moments ago, and already over. */
export function sectionD(status: 'successful' | 'unsuccessful' = 'successful'): ViewValues {
  return {
    actualStart: { value: field.dateTime(seconds(Date.now() - 3 * MINUTE)) },
    actualEnd: { value: field.dateTime(seconds(Date.now() - MINUTE)) },
    status: { value: field.select(status) },
  };
}

/** A one-box form (a reject comment, notes, a vendor request, what still fails). */
export function note(fieldId: string, text: string): ViewValues {
  return { [fieldId]: { value: field.text(text) } };
}

/** SOP 4.2 step 1; the domain comes pre-filled from `/mailcomplaint <domain>`. */
/** A complaint whose trouble began three hours before `now`: mailops's time, which a test may set. */
export function complaint(now = new Date()): ViewValues {
  return {
    direction: { value: field.select('cannot_receive') },
    exampleSender: { value: field.email('rakan@contoh.com.my') },
    exampleRecipient: { value: field.email('pengarah@agensi.gov.my') },
    startedAt: { value: field.dateTime(seconds(now.getTime() - 3 * HOUR)) },
    bounceText: { value: field.text('550 5.7.1 Message rejected: SPF fail') },
  };
}
