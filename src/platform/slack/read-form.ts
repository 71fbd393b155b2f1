import { z } from 'zod';
import { FORM_FOR_ACTION } from '../../../cards/forms/definitions.ts';
import type { FormContext, FormValues } from '../../../cards/forms/types.ts';

// Reads a submitted modal back into our flat form values (STYLE.md 2: wire events are translated once,
// here). Every element answers in its own shape (docs.slack.dev/reference/interaction-payloads/
// view-interactions-payload); the modal's blocks use the field id as block_id and 'value' as action_id.

const element = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_date: z.string().nullish(),
    selected_date_time: z.number().nullish(),
    selected_user: z.string().nullish(),
  })
  .loose();

export const viewState = z.object({
  values: z.record(z.string(), z.record(z.string(), element)),
});

// Only what the bot itself writes into private_metadata: a form it opens (any other kind has no
// definition, and reading the answers would throw before the submission is acknowledged) and a ticket id
// from a button value, always a uuid (anything else reaches the database as an invalid uuid and throws).
const FORM_KINDS: ReadonlySet<string> = new Set(Object.values(FORM_FOR_ACTION));

const formContext = z.object({
  kind: z.string().refine((kind) => FORM_KINDS.has(kind)),
  ticketId: z.string().uuid().optional(),
  ticketNumber: z.string().optional(),
  version: z.number().int().optional(),
  card: z
    .object({ channel: z.string().regex(/^[CDG][A-Z0-9]+$/), messageId: z.string().regex(/^\d+\.\d+$/) })
    .optional(),
});

/**
 * `personOf` turns a picked Slack user into a person id (unknown users stay `slack:<id>`, which the flows
 * refuse as a manager). The bot's own modals pick people from a static_select of person ids now; a
 * users_select still comes from a modal opened before an upgrade.
 */
export function readFormValues(
  state: z.infer<typeof viewState>,
  personOf: (slackUserId: string) => string | undefined,
): FormValues {
  const values: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(state.values)) {
    const answer = actions.value ?? Object.values(actions)[0];
    if (!answer) continue;
    if (answer.selected_date_time != null)
      values[blockId] = new Date(answer.selected_date_time * 1000).toISOString();
    else if (answer.selected_user)
      values[blockId] = personOf(answer.selected_user) ?? `slack:${answer.selected_user}`;
    else values[blockId] = answer.selected_option?.value ?? answer.selected_date ?? answer.value ?? undefined;
  }
  return values;
}

/** The form's context travels in private_metadata; anything else there is refused as malformed. */
export function readFormContext(privateMetadata: string): FormContext | null {
  try {
    const parsed = formContext.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? (parsed.data as FormContext) : null;
  } catch {
    return null;
  }
}
