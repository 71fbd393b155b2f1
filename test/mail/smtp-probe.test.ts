import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../src/mail/describe.ts';
import { useSmtpProbeBed } from './smtp-probe-bed.ts';

// The SMTP probe (issue 5, circular 4(f)) on what the agency's server allows, against fake servers: the SIZE
// limit against 10 MB (4(f)(iii)), relay refused for outside to outside with the common tricks, stopping at
// RCPT (4(f)(vi)), VRFY. The session and TLS are in smtp-probe-tls.test.ts, the client under them in
// smtp-client.test.ts.

const bed = useSmtpProbeBed();
const { fake, probe, withTls } = bed;

describe('smtp.size', () => {
  it.each([
    ['SIZE 10485760', 'pass', '10485760 (10.5 MB / 10 MiB)'],
    ['SIZE 10240000', 'pass', '10240000 (10.2 MB / 9.8 MiB)'],
    ['SIZE 10000000', 'pass', '10000000 (10 MB / 9.5 MiB)'],
    ['SIZE 20971520', 'fail', '20971520 (21 MB / 20 MiB)'],
    ['SIZE 0', 'fail', 'unlimited'],
    ['SIZE 5242880', 'warn', '5242880 (5.2 MB / 5 MiB)'],
    ['SIZE', 'warn', 'no_number'],
    [undefined, 'warn', 'absent'],
    ['SIZE 10MB', 'warn', '10MB'],
    ['SIZE big', 'warn', 'big'],
  ] as const)('EHLO %s gives %s', async (size, verdict, declared) => {
    const found = await probe(await fake({ extensions: ['PIPELINING', ...(size ? [size] : [])] }));
    expect(found['smtp.size']).toMatchObject({ verdict, requirement: '4f-iii', params: { declared } });
  });

  it('names the size a larger limit accepts', async () => {
    const larger = await probe(await fake({ extensions: ['SIZE 52428800'] }));
    expect(larger['smtp.size']!.params.mb).toBe('50');
  });

  it.each([
    ['SIZE 0', 'en', 'SIZE in the EHLO reply: 0 (no limit at all). The server accepts messages larger'],
    [
      'SIZE 0',
      'ms',
      'SIZE dalam jawapan EHLO: 0 (tiada had langsung). Pelayan menerima mesej yang lebih besar',
    ],
    [undefined, 'en', 'SIZE in the EHLO reply: not announced. The limit is unknown'],
    [
      'SIZE',
      'en',
      'SIZE in the EHLO reply: announced without a number, so the limit is not stated. The limit',
    ],
    ['SIZE big', 'ms', 'SIZE dalam jawapan EHLO: big. Had'],
    [
      'SIZE 52428800',
      'en',
      'SIZE in the EHLO reply: 52428800 (52.4 MB / 50 MiB). The server accepts messages larger',
    ],
  ] as const)('says in words what EHLO %s declared (%s)', async (size, locale, text) => {
    const found = await probe(await fake({ extensions: size ? [size] : [] }));
    expect(describeFinding(found['smtp.size']!, locale).text.slice(0, text.length)).toBe(text);
  });

  it('reads the limit from the EHLO after TLS, which replaces the one given in clear', async () => {
    const ehlo = ['250-mx.agency.test', '250 SIZE 52428800'];
    const found = await probe(
      await fake(withTls({ reply: (c, { tls }) => (tls && c.startsWith('EHLO') ? ehlo : undefined) })),
    );
    expect(found['smtp.size']).toMatchObject({ verdict: 'fail', params: { mb: '50' } });
  });
});

describe('smtp.relay', () => {
  it('passes when every form is refused with 5xx, trying each in its own transaction and never sending DATA', async () => {
    const server = await fake(withTls());
    const found = await probe(server);
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'pass',
      requirement: '4f-vi',
      params: { reply: '554 5.7.1 Relay access denied' },
    });
    const rcpts = server.commands.filter((c) => c.startsWith('RCPT'));
    expect(rcpts[0]).toBe('RCPT TO:<postmaster@agency.test>');
    expect(rcpts.slice(2)).toEqual([
      'RCPT TO:<relaytest@outside.test>',
      'RCPT TO:<relaytest%outside.test@agency.test>',
      'RCPT TO:<@mx.agency.test:relaytest@outside.test>',
      'RCPT TO:<"relaytest@outside.test"@agency.test>',
      'RCPT TO:<outside.test!relaytest>',
    ]);
    expect(rcpts[1]).toMatch(/^RCPT TO:<mailops-probe-[0-9a-f]{12}@agency\.test>$/);
    const transaction = server.commands.slice(server.commands.indexOf('MAIL FROM:<probe@outside.test>'));
    expect(transaction.slice(0, 21)).toEqual(
      rcpts.flatMap((rcpt) => ['MAIL FROM:<probe@outside.test>', rcpt, 'RSET']),
    );
  });

  it('fails naming the percent hack when only that form is accepted', async () => {
    const reply = (c: string) => (c.startsWith('RCPT') && c.includes('%') ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake(withTls({ reply })));
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'fail',
      params: {
        form: 'percent-hack',
        recipient: 'relaytest%outside.test@agency.test',
        reply: '250 2.1.5 Ok',
      },
    });
  });

  it('fails naming the plain form when an outside recipient is accepted outright', async () => {
    const reply = (c: string) => (c === 'RCPT TO:<relaytest@outside.test>' ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'fail', params: { form: 'plain' } });
  });

  it('is untested (temporary) when RCPT gets a 4xx such as greylisting', async () => {
    const reply = (c: string) => (c.startsWith('RCPT') ? '450 4.7.1 Greylisted, try again later' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'temporary' } });
    expect(String(found['smtp.relay']!.params.detail)).toContain('plain: 450 4.7.1 Greylisted');
  });

  it('is untested, not failed, when the server accepts any local recipient so local-domain forms prove nothing', async () => {
    const local = (c: string) => /@agency\.test>$/.test(c) || !c.includes('@');
    const reply = (c: string) => (c.startsWith('RCPT') && local(c) ? '250 2.1.5 Ok' : undefined);
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'accepts_all_local' },
    });
  });

  it('is untested (rejected), not passed, when the server refuses even postmaster, so its refusals are of the probe and not of relaying', async () => {
    // Postfix's default smtpd_delay_reject answers a blocklisted client or sender at RCPT, for every recipient.
    const blocked = '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org';
    const found = await probe(await fake({ reply: (c) => (c.startsWith('RCPT') ? blocked : undefined) }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'rejected' } });
    expect(String(found['smtp.relay']!.params.detail)).toContain(`postmaster: ${blocked}`);
  });

  it.each([
    ['5.1.8', '550 5.1.8 <probe@outside.test>: Sender address rejected: Domain not found'],
    ['5.1.7', '550 5.1.7 <probe@outside.test>: Sender address rejected: undeliverable address'],
  ])(
    'is untested (sender refused) when every RCPT gets %s, a status about the sender, not the mailbox (RFC 3463)',
    async (_status, refused) => {
      const found = await probe(await fake({ reply: (c) => (c.startsWith('RCPT') ? refused : undefined) }));
      expect(found['smtp.relay']).toMatchObject({
        verdict: 'untested',
        params: { reason: 'sender_rejected' },
      });
      expect(describeFinding(found['smtp.relay']!, 'en').text).toContain('set mailtest.relay_sender');
    },
  );

  it('is untested (EHLO name refused), not greylisted, when a hardened Postfix refuses the EHLO name at RCPT', async () => {
    // reject_unknown_helo_hostname answers 450 (unknown_hostname_reject_code) at RCPT under smtpd_delay_reject.
    const refused = '450 4.7.1 <probe.mailops.test>: Helo command rejected: Host not found';
    const found = await probe(await fake({ reply: (c) => (c.startsWith('RCPT') ? refused : undefined) }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'helo_rejected' } });
    expect(describeFinding(found['smtp.relay']!, 'en').text).toContain('set mailtest.helo_name');
    // Refused at EHLO itself (smtpd_delay_reject = no), every check says so.
    const atEhlo = await probe(
      await fake({
        reply: (c) =>
          c.startsWith('EHLO')
            ? '550 5.7.1 <probe.mailops.test>: Helo command rejected: Host not found'
            : undefined,
      }),
    );
    expect(atEhlo['smtp.size']).toMatchObject({ verdict: 'untested', params: { reason: 'helo_rejected' } });
  });

  it('is untested (rejected) when only postmaster is let through a blocklist (RFC 5321 §4.5.1) and every other recipient gets the same client refusal', async () => {
    const blocked = '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org';
    const exempt = (c: string) => c === 'RCPT TO:<postmaster@agency.test>';
    const reply = (c: string) => (c.startsWith('RCPT') && !exempt(c) ? blocked : undefined);
    const found = await probe(await fake({ reply }));
    // Postmaster is accepted, as a real MX does; the refused unknown local mailbox is the evidence.
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'rejected' } });
    expect(String(found['smtp.relay']!.params.detail)).toMatch(
      /^unknown-local: 554 5\.7\.1 Service unavailable/,
    );
  });

  it('still passes when every recipient but postmaster gets one same "Relay access denied": that is about relaying', async () => {
    const found = await probe(await fake());
    expect(found['smtp.relay']).toMatchObject({ verdict: 'pass' });
  });

  it.each([
    [
      'a null MX (RFC 7505 §4.2)',
      '556 5.1.10 <relaytest@outside.test>: Recipient address rejected: Domain outside.test does not accept mail (nullMX)',
    ],
    [
      'no such domain (RFC 3463 X.1.2)',
      '550 5.1.2 <relaytest@outside.test>: Recipient address rejected: Domain not found',
    ],
  ])(
    'is untested, not passed, when the outside recipient is refused for its domain, %s, before relaying is weighed',
    async (_why, refused) => {
      // Postfix's reject_unknown_recipient_domain ahead of the relay decision: an open relay would answer so too.
      const outside = (c: string) => c.startsWith('RCPT') && c.includes('relaytest@outside.test>');
      const found = await probe(await fake({ reply: (c) => (outside(c) ? refused : undefined) }));
      expect(found['smtp.relay']).toMatchObject({
        verdict: 'untested',
        params: { reason: 'recipient_domain' },
      });
      expect(String(found['smtp.relay']!.params.detail)).toContain(`plain: ${refused}`);
      expect(describeFinding(found['smtp.relay']!, 'en').text).toContain('set mailtest.relay_recipient');
    },
  );

  it('is untested (recipient local), not failed, when the relay recipient is in the domain under test', async () => {
    // A provider's own mailbox as relay_recipient while that provider is tested: its 250 is local delivery.
    const found = await probe(
      await fake({ reply: (c) => (c.startsWith('RCPT') ? '250 2.1.5 Ok' : undefined) }),
      {
        outsideRecipient: 'probe@mail.agency.test',
      },
    );
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'recipient_local' } });
  });

  it('reports the 421 that closed the session, not the RSET that found it closed', async () => {
    const server = await fake({
      reply: (c) =>
        c === 'RCPT TO:<relaytest@outside.test>' ? '421 4.7.0 Error: too many errors' : undefined,
    });
    const found = await probe(server);
    expect(found['smtp.relay']).toMatchObject({
      verdict: 'untested',
      params: { reason: 'temporary', detail: '421 4.7.0 Error: too many errors' },
    });
  });

  it('still passes when postmaster is refused as an unknown mailbox, as the server weighed the recipients', async () => {
    // No postmaster (against RFC 5321 §4.5.1), yet a 5.1.1 shows recipients are read, not the client refused.
    const reply = (c: string) =>
      c === 'RCPT TO:<postmaster@agency.test>'
        ? '550 5.1.1 <postmaster@agency.test>: Recipient address rejected: User unknown'
        : undefined;
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'pass' });
  });

  it('still fails naming the plain form when an outside recipient is accepted though postmaster is refused', async () => {
    const reply = (c: string) =>
      c === 'RCPT TO:<relaytest@outside.test>'
        ? '250 2.1.5 Ok'
        : c.startsWith('RCPT')
          ? '550 5.7.1 No'
          : undefined;
    const found = await probe(await fake({ reply }));
    expect(found['smtp.relay']).toMatchObject({ verdict: 'fail', params: { form: 'plain' } });
  });

  it('is untested (rejected) when the outside sender is refused at MAIL, and VRFY is still asked', async () => {
    const reply = (c: string) => (c.startsWith('MAIL') ? '550 5.7.1 Sender rejected' : undefined);
    const server = await fake({ reply });
    const found = await probe(server);
    expect(found['smtp.relay']).toMatchObject({ verdict: 'untested', params: { reason: 'rejected' } });
    expect(server.commands.some((c) => c.startsWith('RCPT'))).toBe(false);
    expect(found['smtp.vrfy']!.verdict).toBe('pass');
  });
});

describe('smtp.vrfy', () => {
  it.each([
    ['250 2.0.0 postmaster <postmaster@agency.test>', 'warn'],
    ['251 2.1.5 User not local; will forward', 'warn'],
    ['252 2.0.0 postmaster', 'pass'],
    ['502 5.5.1 VRFY command is disabled', 'pass'],
    ['550 5.1.1 <postmaster>: Recipient address rejected', 'pass'],
    ['450 4.7.1 Try again later', 'untested'],
  ] as const)('"%s" gives %s', async (answer, verdict) => {
    const server = await fake({ reply: (c) => (c === 'VRFY postmaster' ? answer : undefined) });
    const found = await probe(server);
    expect(found['smtp.vrfy']!.verdict).toBe(verdict);
    if (verdict !== 'untested') expect(found['smtp.vrfy']!.params.reply).toBe(answer);
  });

  it('warns when 252 for postmaster meets 550 5.1.1 for a mailbox that cannot exist: stock Postfix tells them apart', async () => {
    const reply = (c: string) =>
      c === 'VRFY postmaster'
        ? '252 2.0.0 postmaster'
        : c.startsWith('VRFY ')
          ? `550 5.1.1 <${c.slice(5)}>: Recipient address rejected: User unknown in local recipient table`
          : undefined;
    const server = await fake({ reply });
    const found = await probe(server);
    const unknown = server.commands.find((c) => /^VRFY mailops-probe-[0-9a-f]{12}@agency\.test$/.test(c));
    expect(unknown).toBeDefined();
    // The same unknown mailbox as the relay test's control: one address the server hears about, not two.
    expect(server.commands).toContain(`RCPT TO:<${unknown!.slice(5)}>`);
    expect(found['smtp.vrfy']!.verdict).toBe('warn');
    expect(String(found['smtp.vrfy']!.params.reply)).toMatch(
      /^postmaster: 252 2\.0\.0 postmaster; mailops-probe-.*: 550 5\.1\.1/,
    );
  });

  it.each([
    ['252 2.0.0 Cannot VRFY user', 'pass'],
    ['502 5.5.1 VRFY command is disabled', 'pass'],
  ] as const)(
    'passes 252 for postmaster when a mailbox that cannot exist gets "%s"',
    async (answer, verdict) => {
      const reply = (c: string) =>
        c === 'VRFY postmaster' ? '252 2.0.0 postmaster' : c.startsWith('VRFY ') ? answer : undefined;
      const found = await probe(await fake({ reply }));
      expect(found['smtp.vrfy']).toMatchObject({ verdict, params: { reply: '252 2.0.0 postmaster' } });
    },
  );
});
