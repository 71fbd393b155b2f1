import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runDelivery,
  SIZE_OVER_MARGIN_BYTES,
  SIZE_UNDER_MARGIN_BYTES,
} from '../../src/mail/probe/delivery.ts';
import type { DeliverySettings, MonitoredDomain, ProbeReport } from '../../src/mail/probe/delivery-types.ts';
import { type ProbeDeps, runProbe } from '../../src/mail/probe/run-probe.ts';
import type { DeliveryWorld } from '../support/delivery-world/index.ts';
import {
  leftovers,
  probeDeps,
  probeMailbox,
  startWorldWhenFree,
} from '../support/delivery-world/probe-side.ts';

// A whole delivery check of agency.test against the real servers of the delivery world: both directions,
// the two size probes around agency.test's 10 MiB message_size_limit, the quotas and the DKIM selector
// learned from the outbound probe.

let world: DeliveryWorld;
let deps: ProbeDeps;
let target: MonitoredDomain;
const LIMIT = 10 * 1024 * 1024;

beforeAll(async () => {
  world = await startWorldWhenFree();
  deps = probeDeps(world);
  target = {
    domain: world.domains.agency,
    schedule: '0 8 * * *',
    agency: probeMailbox(world.mailboxes.agencyProbe),
    outside: probeMailbox(world.mailboxes.outsideProbe),
  };
}, 300_000);

afterAll(async () => {
  await world?.close();
});

const settings: DeliverySettings = {
  deadlineMs: 15_000,
  replyGraceMs: 300,
  sizeProbes: true,
  sizeLimitBytes: LIMIT,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [80, 90],
  serviceDomains: [],
  domains: [],
};

describe('runDelivery', () => {
  it('probes both ways, delivers the size probe just under the limit, and sees the one just over bounced with 5.3.4', async () => {
    const told: ProbeReport[] = [];
    const started = Date.now();
    const run = await runDelivery({ target, settings, deps, onProbe: (r) => told.push(r) });
    console.info(
      `runDelivery ${Date.now() - started} ms:`,
      run.probes.map(
        (p) => `${p.kind}=${p.result}${p.timeToInboxMs === null ? '' : ` ${p.timeToInboxMs} ms`}`,
      ),
    );

    expect(run.probes.map((p) => p.kind)).toEqual(['inbound', 'outbound', 'size_under', 'size_over']);
    expect(told.map((p) => p.kind).sort()).toEqual(['inbound', 'outbound', 'size_over', 'size_under']);
    const [inbound, outbound, under, over] = run.probes as [
      ProbeReport,
      ProbeReport,
      ProbeReport,
      ProbeReport,
    ];
    expect(inbound.result, JSON.stringify(inbound)).toBe('delivered');
    expect(outbound.result, JSON.stringify(outbound)).toBe('delivered');

    expect(under.result, JSON.stringify(under)).toBe('delivered');
    expect(Math.abs(under.sizeBytes - (LIMIT - SIZE_UNDER_MARGIN_BYTES))).toBeLessThanOrEqual(78);
    // outside.test accepts 50 MiB, so it takes the probe; its Postfix then reads agency.test's EHLO
    // `SIZE 10485760` (RFC 1870) and gives up without sending: the sender gets a 5.3.4 bounce that names the
    // size as measured there (the probe plus outside.test's Received field), not a refusal at submission.
    expect(Math.abs(over.sizeBytes - (LIMIT + SIZE_OVER_MARGIN_BYTES))).toBeLessThanOrEqual(78);
    expect(over.submission.ok).toBe(true);
    expect(over.result, JSON.stringify(over)).toBe('bounce');
    expect(over.reply?.kind === 'bounce' && over.reply.recipients[0]).toMatchObject({
      finalRecipient: target.agency.address,
      action: 'failed',
      status: '5.3.4',
      diagnosticCode: expect.stringMatching(/^message size 107\d{5} exceeds size limit 10485760 of server /),
      category: 'message_too_big',
    });

    expect(run.learned).toEqual([{ domain: world.domains.agency, selector: world.dkim.selector }]);
    expect(run.probes.every((p) => p.cleanedUp)).toBe(true);
    for (const p of run.probes) {
      expect(await leftovers(world, world.mailboxes.agencyProbe, p.probeId)).toEqual([]);
      expect(await leftovers(world, world.mailboxes.outsideProbe, p.probeId)).toEqual([]);
    }
    // Read after the clean-up: the 10 MB copy is gone again.
    expect(run.quotas).toEqual([
      expect.objectContaining({ ok: true, mailbox: target.agency.address, limitBytes: 100 * 1024 * 1024 }),
      expect.objectContaining({ ok: true, mailbox: target.outside.address, limitBytes: 100 * 1024 * 1024 }),
    ]);
    for (const quota of run.quotas) expect(quota.ok && quota.usedBytes).toBeLessThan(1024 * 1024);
  }, 90_000);

  it('reports an over-size probe refused by its own submission server as refused, without sending it', async () => {
    const report = await runProbe(
      {
        kind: 'size_over',
        from: target.agency,
        to: target.outside,
        deadlineMs: 5_000,
        replyGraceMs: 0,
        sizeBytes: LIMIT + SIZE_OVER_MARGIN_BYTES,
      },
      deps,
    );
    // agency.test's submission says `SIZE 10485760` in EHLO; the client does not send what it rules out.
    expect(report).toMatchObject({
      result: 'refused',
      submission: { ok: false, failure: 'refused', code: null, response: 'SIZE 10485760' },
      cleanedUp: true,
    });
  });
});
