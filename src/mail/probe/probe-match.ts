// Ties a message to a probe. The id is a token of our own making, so it is matched whole (not inside a
// longer token) and the strongest evidence is a header line of ours: `X-Mailops-Probe: <id>`.

import { type HeaderField, headerValues, normalizeMessageId } from './header-block.ts';
import type { ProbeRef } from './types.ts';

const TOKEN_CHAR = /[A-Za-z0-9_-]/;

/** The first probe the test accepts, in the order given. */
export function findProbe(probes: readonly ProbeRef[], test: (probe: ProbeRef) => boolean): ProbeRef | null {
  return probes.find((probe) => probe.id !== '' && test(probe)) ?? null;
}

/** The id as a whole token of the text, case-insensitive. */
export function mentionsId(text: string | null | undefined, id: string): boolean {
  if (!text || !id) return false;
  const haystack = text.toLowerCase();
  const needle = id.toLowerCase();
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? ' ';
    const after = haystack[at + needle.length] ?? ' ';
    if (!TOKEN_CHAR.test(before) && !TOKEN_CHAR.test(after)) return true;
  }
  return false;
}

export function carriesProbeHeader(fields: readonly HeaderField[], probe: ProbeRef): boolean {
  return headerValues(fields, 'x-mailops-probe').some((v) => v === probe.id);
}

export function hasMessageId(fields: readonly HeaderField[], probe: ProbeRef): boolean {
  const wanted = probeMessageId(probe);
  return wanted !== null && headerValues(fields, 'message-id').some((v) => normalizeMessageId(v) === wanted);
}

export function probeMessageId(probe: ProbeRef): string | null {
  return probe.messageId ? normalizeMessageId(probe.messageId) : null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The probe's header line anywhere in raw text: a returned part mailparser did not expose, a bounce that
 * quotes the original in its body (qmail), possibly indented or `>`-quoted and folded. IMAP BODY search
 * does not look inside a DSN's message/rfc822 part (TESTBED.md), so the watcher matches here.
 */
export function rawCarriesProbeHeader(raw: string, probe: ProbeRef): boolean {
  const pattern = `^[ \\t>]*X-Mailops-Probe:[ \\t]*(?:\\r?\\n[ \\t]+)?${escapeRegExp(probe.id)}[ \\t]*\\r?$`;
  return new RegExp(pattern, 'im').test(raw);
}

export function rawCarriesMessageId(raw: string, probe: ProbeRef): boolean {
  const wanted = probeMessageId(probe);
  if (!wanted) return false;
  const pattern = `^[ \\t>]*Message-ID:[ \\t]*(?:\\r?\\n[ \\t]+)?<${escapeRegExp(wanted)}>`;
  return new RegExp(pattern, 'im').test(raw);
}
