// One message of the open conversation as the page shows it (sender, time, text, the place of its card),
// and the day dividers between messages.

import { h } from './dom.js';
import { markdown } from './markdown.js';
import { state } from './state.js';
import { dayKeyOf, dayLabel, formatter, t } from './texts.js';

const AVATAR_COLOURS = [
  '#8a4b0f',
  '#0f6b5c',
  '#6b3fa0',
  '#a3324f',
  '#2f5f98',
  '#5c6b0f',
  '#7a4a66',
  '#3c6e47',
];

function initialsOf(name) {
  const words = String(name).trim().split(/\s+/).filter(Boolean);
  const skip = new Set(['bin', 'binti', 'a/l', 'a/p', 'b.', 'bt.', 'bte']);
  const picked = words.filter((w) => !skip.has(w.toLowerCase()));
  return ((picked[0]?.[0] ?? '?') + (picked[1]?.[0] ?? '')).toUpperCase();
}

function colourOf(name) {
  let hash = 0;
  for (const c of String(name)) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
}

export function messageElement(m) {
  const fromBot = Boolean(m.from?.bot);
  const name = m.from?.name ?? '';
  const at = new Date(m.at);
  const validAt = !Number.isNaN(at.getTime());
  const mine = !fromBot && state.me && name === state.me.name;
  const avatar = fromBot
    ? h('div', { class: 'avatar avatar-bot', 'aria-hidden': 'true', text: 'm' })
    : h('div', {
        class: 'avatar',
        'aria-hidden': 'true',
        style: `background:${colourOf(name)}`,
        text: initialsOf(name),
      });

  const meta = h(
    'div',
    { class: 'message-meta' },
    m.replyToId ? h('span', { class: 'reply-marker', text: `↳ ${t('playground.message.reply')}` }) : null,
    h('span', { class: 'sender', text: name }),
    fromBot ? h('span', { class: 'badge', text: t('playground.message.bot') }) : null,
    mine ? h('span', { class: 'you', text: `(${t('playground.message.you')})` }) : null,
    validAt
      ? h('time', {
          datetime: at.toISOString(),
          title: `${formatter('full').format(at)} (MYT)`,
          text: formatter('time').format(at),
        })
      : null,
    m.edited ? h('span', { class: 'edited', text: `· ${t('playground.message.edited')}` }) : null,
  );

  const body = h('div', { class: 'message-body' }, meta);
  if (typeof m.text === 'string' && m.text !== '') {
    const text = h('div', { class: 'message-text markdown' });
    text.innerHTML = markdown(m.text); // escaped by markdown()
    body.append(text);
  }
  if (m.card && typeof m.card === 'object') {
    const host = h('div', { class: 'card-host', 'data-testid': 'card' });
    body.append(host);
    if (m.personal) {
      body.append(
        h(
          'p',
          { class: 'personal-note' },
          h('span', { class: 'personal-icon', 'aria-hidden': 'true' }),
          t('playground.card.personal'),
        ),
      );
    }
    // Rendered once the element is in the document (renderMessages in messages.js).
    host.dataset.pending = 'true';
  }

  return h(
    'article',
    {
      class: `message${fromBot ? ' from-bot' : ' from-person'}${m.replyToId ? ' is-reply' : ''}`,
      'data-testid': 'message',
      'data-message-id': m.id,
      'data-from': fromBot ? 'bot' : 'person',
    },
    avatar,
    body,
  );
}

/** One divider a day, kept across redraws; its label moves on with the clock ("today", then "yesterday"). */
export function dividerFor(date) {
  const key = dayKeyOf(date);
  let divider = state.dividers.get(key);
  const label = dayLabel(date);
  if (!divider) {
    divider = h('div', { class: 'day-divider', role: 'separator' }, h('span', { text: label }));
    state.dividers.set(key, divider);
  } else if (divider.textContent !== label) {
    divider.firstChild.textContent = label;
  }
  return divider;
}
