import type { Texts } from './texts.ts';

// Clipping text to a platform's limits (Block Kit's characters, Teams' bytes via cards/teams/fit-text.ts;
// `md` also escapes Slack mrkdwn). Long text ends with a visible "… (dipendekkan)" / "… (truncated)" so a
// reader knows there is more; where the limit is too short for that note (a button, a modal title) a bare
// "…" is used. Lengths are counted in UTF-16 units, which is never fewer than Slack's character count, and
// a cut never splits a surrogate pair.

/** Limits below this get "…" alone: the note would eat the text. */
const NOTE_FROM = 150;

/** Slack mrkdwn control characters (api.slack.com/reference/surfaces/formatting#escaping). */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeChar(ch: string): string {
  return ESCAPES[ch] ?? ch;
}

/** Longest run of whole pieces within `budget` UTF-16 units. */
function take(pieces: Iterable<string>, budget: number): string {
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > budget) break;
    out += piece;
  }
  return out.trimEnd();
}

/**
 * Typed text cut to `max` UTF-16 units, as zod counts a field's limit, never splitting a surrogate pair and
 * with no note: a form's prefill, which the person sees and edits whole.
 */
export function clipToLimit(value: string, max: number | undefined): string {
  if (max === undefined || value.length <= max) return value;
  let out = '';
  for (const ch of value) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

function* escaped(text: string): Generator<string> {
  for (const ch of text) yield escapeChar(ch);
}

export interface Fitter {
  /** Plain text within `max`. */
  plain(text: string, max: number): string;
  /** Untrusted text escaped for mrkdwn (no mentions, links or entities injected), within `max`. */
  md(text: string, max: number): string;
}

// Teams renders markdown in TextBlocks and fact values, so typed "[Lulus segera](https://…)" would be a link
// whose text hides where it goes. A zero-width space between "]" and "(" keeps the words as typed and the
// address in view, and is no longer a link (the CommonMark inline link needs them adjacent).
const MARKDOWN_LINK = /\](?=\()/g;

/** `inertLinks`: for Adaptive Cards, whose text is markdown. */
export function createFitter(texts: Texts, options: { readonly inertLinks?: boolean } = {}): Fitter {
  const note = (max: number) => (max >= NOTE_FROM ? texts.t('card.truncated') : '…');
  return {
    plain(typed, max) {
      const text = options.inertLinks ? typed.replace(MARKDOWN_LINK, ']\u200b') : typed;
      if (text.length <= max) return text;
      const end = note(max);
      return take(text, max - end.length) + end;
    },
    md(text, max) {
      const whole = [...escaped(text)].join('');
      if (whole.length <= max) return whole;
      const end = [...escaped(note(max))].join('');
      return take(escaped(text), max - end.length) + end;
    },
  };
}
