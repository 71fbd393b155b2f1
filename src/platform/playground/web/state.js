// Everything the page knows, shared by its modules. `open` is the conversation id on screen, `me` the
// person the page acts as.

export const LANGS = ['ms', 'en'];
/** The purpose of a person's chat with the bot, beside the channels' own purposes. */
export const CHAT = 'chat';

export const state = {
  lang: 'ms',
  texts: {},
  people: [],
  channels: [],
  me: null,
  open: null,
  unread: new Set(),
  /** message id -> { sig, data, el } for the open conversation */
  rendered: new Map(),
  dividers: new Map(),
  /** message ids whose card has an action in flight */
  inflight: new Set(),
  // When an action on a message last finished: a fetch begun before it must not redraw that card.
  actedAt: new Map(),
  deferredRefresh: false,
  ticketOpen: new Map(),
  /**
   * message id -> { text, kind }: the bot's answer to this person's last action on that card ("already
   * decided by …"). Kept apart from the message element, which a redraw of the card replaces, so the answer
   * stays until the person dismisses it or acts on the card again.
   */
  answers: new Map(),
};
