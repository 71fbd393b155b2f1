import { describe, expect, it } from 'vitest';
import { classifyProbeMessage } from '../../../src/mail/probe/classify-message.ts';
import {
  composeProbe,
  newMessageId,
  newProbeId,
  SIZE_TOLERANCE_BYTES,
} from '../../../src/mail/probe/compose.ts';
import { splitHeaderSection } from '../../../src/mail/probe/header-block.ts';

const at = new Date('2026-01-14T02:00:00Z');
const spec = {
  from: 'probe@outside.test',
  to: 'probe@agency.test',
  probeId: 'mop-5kq2w8rz3h',
  subject: 'mailops probe',
  messageId: '<1736820000123.7f3e9a@mailops.outside.test>',
  date: at,
};
const LIMIT = 10 * 1024 * 1024;

describe('composeProbe', () => {
  it('carries the probe header, the id in the Subject and our Message-ID, and is read back as the delivered probe', async () => {
    const raw = await composeProbe(spec);
    const { header } = splitHeaderSection(raw.toString('utf8'));
    expect(header).toMatch(/^X-Mailops-Probe: mop-5kq2w8rz3h$/m);
    expect(header).toMatch(/^Subject: mailops probe mop-5kq2w8rz3h$/m);
    expect(header).toMatch(/^Message-ID: <1736820000123\.7f3e9a@mailops\.outside\.test>$/m);
    expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);

    const outcome = await classifyProbeMessage(raw, { id: spec.probeId, messageId: spec.messageId });
    expect(outcome).toMatchObject({ kind: 'delivered', probeId: spec.probeId, matchedBy: 'header' });
  });

  it('says nothing that would keep an RFC 3834 responder from answering', async () => {
    const { header } = splitHeaderSection((await composeProbe(spec)).toString('utf8'));
    expect(header).not.toMatch(/^(?:Auto-Submitted|Precedence|X-Auto-Response-Suppress):/im);
  });

  it.each([
    ['just under the 10 MiB limit', LIMIT - 64 * 1024],
    ['just over it', LIMIT + 256 * 1024],
    ['a small size', 20_000],
  ])('is %s within one base64 line of the size asked for', async (_name, sizeBytes) => {
    const raw = await composeProbe({ ...spec, sizeBytes });
    expect(Math.abs(raw.length - sizeBytes)).toBeLessThanOrEqual(SIZE_TOLERANCE_BYTES);
    expect(await classifyProbeMessage(raw, { id: spec.probeId })).toMatchObject({ kind: 'delivered' });
  });

  it('stays the bare message when the size asked for is smaller than that', async () => {
    const bare = await composeProbe(spec);
    expect((await composeProbe({ ...spec, sizeBytes: 10 })).length).toBe(bare.length);
  });
});

describe('probe ids', () => {
  it('makes ids of `mop-` and ten base-36 characters, and Message-IDs at the sender domain', () => {
    const ids = new Set(Array.from({ length: 50 }, newProbeId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^mop-[a-z0-9]{10}$/);
    expect(newMessageId('probe@agency.test', at)).toMatch(
      /^<1768356000000\.[0-9a-f]{12}@mailops\.agency\.test>$/,
    );
  });
});
