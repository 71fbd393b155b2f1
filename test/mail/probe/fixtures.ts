import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import type { ProbeOutcome, ProbeRef } from '../../../src/mail/probe/types.ts';

// The .eml fixtures are stored with LF line ends; mail read over IMAP has CRLF, so tests run both.

export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

export const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The probes the fixtures answer, as the sender recorded them. */
export const PROBES = {
  postfix: { id: 'mop-5kq2w8rz3h', messageId: '<1736820000123.7f3e9a@mailops.agency.test>' },
  unreachable: { id: 'mop-9c4tn2vd7m', messageId: '<1736820000456.2b8d1c@mailops.agency.test>' },
  twoRecipients: { id: 'mop-3hx8p6ka2e', messageId: '<1736820300789.4c6e2f@mailops.agency.test>' },
  gmail: { id: 'mop-7wd4k9fq2s', messageId: '<1736848800123.9e1f0a@mailops.agency.example>' },
  exchange: { id: 'mop-2mr6x4bt8j', messageId: '<1736820000999.1a2b3c@mailops.agency.example>' },
  qmail: { id: 'mop-6ty3n8wc5b', messageId: '<1736820000321.8f7e6d@mailops.agency.test>' },
  outlook: { id: 'mop-4pz7q2mh9v', messageId: '<1736820000555.5d4c3b@mailops.example>' },
  /** The agency's outbound probe, as Microsoft 365, sendmail and Exim mailboxes store it. */
  outbound: { id: 'mop-8vn3c5xw2d', messageId: '<1795825860000.6c1d2e@mailops.agensi.gov.my>' },
  /** The inbound probe from Gmail, as the agency's Exchange 2010 stores it. */
  inbound: { id: 'mop-3fj7r2kq9n', messageId: '<1795825800000.9a8b7c@mailops.agensi.gov.my>' },
} satisfies Record<string, ProbeRef>;

export const ALL_PROBES: readonly ProbeRef[] = Object.values(PROBES);

type Kind<K extends ProbeOutcome['kind']> = Extract<ProbeOutcome, { kind: K }>;

/** Classifies a message and holds it to be of `kind`, typed as that kind for the rest of the test. */
export async function classifyAs<K extends ProbeOutcome['kind']>(
  kind: K,
  raw: string | Buffer,
  probes = ALL_PROBES,
): Promise<Kind<K>> {
  const outcome = await classifyProbeMessage(raw, probes);
  expect(outcome.kind).toBe(kind);
  return outcome as Kind<K>;
}

export const at = (iso: string) => new Date(iso);
