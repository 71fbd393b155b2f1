// Which probe a bounce or a reply answers, and by what evidence, strongest first. Every tier is tried for
// every probe before the next, weaker tier, so a strong match for one probe beats a mention of another.

import {
  type HeaderField,
  headerValues,
  messageIds,
  parseHeaderFields,
  splitHeaderSection,
} from './header-block.ts';
import type { MessageView } from './message-view.ts';
import {
  carriesProbeHeader,
  findProbe,
  hasMessageId,
  mentionsId,
  probeMessageId,
  rawCarriesMessageId,
  rawCarriesProbeHeader,
} from './probe-match.ts';
import type { ProbeMatch, ProbeRef } from './types.ts';

export interface Relation {
  readonly probe: ProbeRef;
  readonly matchedBy: ProbeMatch;
}

type Tier = readonly [ProbeMatch, (probe: ProbeRef) => boolean];

function firstTier(probes: readonly ProbeRef[], tiers: readonly Tier[]): Relation | null {
  for (const [matchedBy, test] of tiers) {
    const probe = findProbe(probes, test);
    if (probe) return { probe, matchedBy };
  }
  return null;
}

function threadTiers(fields: readonly HeaderField[]): Tier[] {
  const refersTo = (name: string) => (probe: ProbeRef) => {
    const wanted = probeMessageId(probe);
    return wanted !== null && headerValues(fields, name).some((v) => messageIds(v).includes(wanted));
  };
  return [
    ['in_reply_to', refersTo('in-reply-to')],
    ['references', refersTo('references')],
  ];
}

/**
 * A bounce: the returned message or headers (RFC 3464 §2, RFC 6522 §3), Gmail's X-Original-Message-ID, the
 * raw source (for a copy quoted in the body), the thread headers Exchange sets, then the id in a Subject
 * or anywhere in the text.
 */
export function relateBounce(
  view: MessageView,
  probes: readonly ProbeRef[],
  originalMessageId: string | null,
): Relation | null {
  const returned = view.returned.map((part) => parseHeaderFields(splitHeaderSection(part.text).header));
  const returnedSubjects = returned.flatMap((fields) => headerValues(fields, 'subject'));
  return firstTier(probes, [
    ['header', (p) => returned.some((fields) => carriesProbeHeader(fields, p))],
    ['message_id', (p) => returned.some((fields) => hasMessageId(fields, p))],
    ['message_id', (p) => originalMessageId !== null && originalMessageId === probeMessageId(p)],
    ['header', (p) => rawCarriesProbeHeader(view.raw, p)],
    ['message_id', (p) => rawCarriesMessageId(view.raw, p)],
    ...threadTiers(view.fields),
    ['subject', (p) => [view.subject, ...returnedSubjects].some((s) => mentionsId(s, p.id))],
    ['mention', (p) => mentionsId(view.text, p.id) || mentionsId(view.raw, p.id)],
  ]);
}

/** A reply, automatic or not: the thread headers (RFC 5322 §3.6.4), then the id in the Subject. */
export function relateReply(view: MessageView, probes: readonly ProbeRef[]): Relation | null {
  return firstTier(probes, [...threadTiers(view.fields), ['subject', (p) => mentionsId(view.subject, p.id)]]);
}
