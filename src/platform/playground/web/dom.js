// The page's own elements (index.html), and the one way the page builds new ones: never from HTML strings.

const $ = (id) => document.getElementById(id);

export const els = {
  app: $('app'),
  identity: $('identity'),
  identityDetail: $('identity-detail'),
  channels: $('channels'),
  chats: $('chats'),
  connection: $('connection'),
  name: $('conversation-name'),
  hint: $('conversation-hint'),
  messages: $('messages'),
  form: $('composer-form'),
  composer: $('composer'),
  composerLabel: $('composer-label'),
  send: $('send'),
  composerError: $('composer-error'),
  tickets: $('tickets'),
  ticketsUpdated: $('timeline-updated'),
  fatal: $('fatal'),
  fatalDetail: $('fatal-detail'),
  fatalRetry: $('fatal-retry'),
};

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}
