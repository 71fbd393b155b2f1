import type { CardInvestigation, CardModel } from '../card-model.ts';
import { createFitter } from '../fit-text.ts';
import { fieldIdOfError } from '../forms/definitions.ts';
import type { FormField, FormView, PersonChoice } from '../forms/types.ts';
import { FORM_IDS } from '../ids.ts';
import type { Texts } from '../texts.ts';
import { waitingLine } from '../who-acts.ts';
import type { Block, ModalView, Mrkdwn } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { type ElementContext, inputElement } from './modal-elements.ts';
import { investigationBlocks } from './render-investigation.ts';

// A form as a Slack modal (views.open / views.update). One input block per field, `block_id` = field id
// and `action_id` = 'value', so a view_submission maps back to FormValues without a lookup table. Field
// errors are not drawn into the view: Slack shows them under the field from `response_action: 'errors'`
// (slackErrors below).

function callbackId(view: FormView): string {
  if (view.context.kind === 'change_request') return FORM_IDS.changeRequest;
  if (view.context.kind === 'complaint') return FORM_IDS.complaint;
  return FORM_IDS.action;
}

/** The form's context, carried through Slack and back (≤ 3000 characters); the ticket number is display only. */
function privateMetadata(view: FormView): string {
  const whole = JSON.stringify(view.context);
  if (whole.length <= L.privateMetadata) return whole;
  const { ticketNumber: _shown, ...rest } = view.context;
  return JSON.stringify(rest);
}

function inputBlocks(field: FormField, view: FormView, ctx: ElementContext): Block[] {
  const { texts, fit } = ctx;
  const element = inputElement(field, view.values[field.id], ctx);
  if (element === undefined) return [];
  return [
    {
      type: 'input',
      block_id: field.id,
      label: { type: 'plain_text', text: fit.plain(texts.t(field.label), L.inputLabel) },
      ...(field.hint ? { hint: { type: 'plain_text', text: fit.plain(texts.t(field.hint), L.hint) } } : {}),
      optional: !field.required,
      element,
    },
  ];
}

/**
 * `people` are the choices of a person field (the endorsing managers) as person ids and names, which the
 * submission sends back as they are. With nobody to offer the field is left out, as on Teams (Block Kit has
 * no empty select); endorsement with no manager configured is refused at start-up (src/config/cross-checks.ts).
 * `investigation` is the bot's investigation of the complaint the form acts on, drawn as on its card: a modal
 * covers the card, and SOC writes its findings (SOP 4.2 step 3) and the requester answers the request to
 * test from what the bot found.
 */
export function renderSlackModal(
  view: FormView,
  texts: Texts,
  options: {
    readonly people?: readonly PersonChoice[];
    readonly investigation?: CardInvestigation;
    /** The ticket's "who acts next, by when", drawn for the person the modal opens for. */
    readonly nextActor?: CardModel['nextActor'];
  } = {},
): ModalView {
  const fit = createFitter(texts);
  const ctx: ElementContext = { texts, fit, people: options.people ?? [] };
  const { definition, context } = view;
  const intro: Block[] = [];
  if (context.ticketNumber !== undefined) {
    const line = texts.t('form.ticket', { number: context.ticketNumber });
    // Whose step it is and by when ("anda" for the person filling the form): the deadline the form is for.
    const next = options.nextActor ? [waitingLine(options.nextActor, texts)] : [];
    const elements = [line, ...next].map(
      (text): Mrkdwn => ({ type: 'mrkdwn', text: fit.md(text, L.textObject) }),
    );
    intro.push({ type: 'context', elements });
  }
  if (definition.intro !== undefined) {
    intro.push({
      type: 'section',
      text: { type: 'mrkdwn', text: fit.md(texts.t(definition.intro), L.sectionText) },
    });
  }
  if (options.investigation) intro.push(...investigationBlocks(options, texts, fit));
  const inputs = definition.fields
    .flatMap((f) => inputBlocks(f, view, ctx))
    .slice(0, L.viewBlocks - intro.length);
  return {
    type: 'modal',
    callback_id: callbackId(view),
    title: { type: 'plain_text', text: fit.plain(texts.t(definition.title), L.modalText) },
    submit: { type: 'plain_text', text: fit.plain(texts.t(definition.submit), L.modalText) },
    close: { type: 'plain_text', text: fit.plain(texts.t('common.cancel'), L.modalText) },
    private_metadata: privateMetadata(view),
    blocks: [...intro, ...inputs],
  };
}

/**
 * The view's field errors as Slack's `response_action: 'errors'` wants them: block id → message. Errors
 * keyed by a flow path ('manager', 'sectionB') land on the field fieldIdOfError picks.
 */
export function slackErrors(view: FormView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(view.errors)) {
    const blockId = fieldIdOfError(view.definition, path);
    out[blockId] = out[blockId] === undefined ? message : `${out[blockId]} ${message}`;
  }
  return out;
}
