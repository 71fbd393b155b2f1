import { createFitter } from '../fit-text.ts';
import type { Texts } from '../texts.ts';
import type { ModalView } from './block-kit.ts';
import { SLACK_LIMITS as L } from './limits.ts';

// A modal that only says something: it replaces a submitted form (`response_action: 'update'`) when the
// answer is not a field error: a refusal, "already decided by X at T", or a form that could not be read.

export function renderSlackNotice(text: string, texts: Texts): ModalView {
  const fit = createFitter(texts);
  return {
    type: 'modal',
    title: { type: 'plain_text', text: fit.plain(texts.t('slack.notice.title'), L.modalText) },
    close: { type: 'plain_text', text: fit.plain(texts.t('slack.notice.close'), L.modalText) },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: fit.md(text, L.sectionText) } }],
  };
}
