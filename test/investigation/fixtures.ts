import type { DomainCheckInput, DomainChecks } from '../../src/mail/domain-checks.ts';
import type { Finding } from '../../src/mail/types.ts';

// Findings a complaint's checks could return before SOC's fix and after it, worded with the params the
// catalog's texts use, and a fake of the port the investigation runs checks through (src/mail/domain-checks
// .ts, DomainChecks). The real checks are tested against real servers in test/mail and test/delivery.

const spf = (verdict: 'pass' | 'fail', count: number): Finding => ({
  check: 'spf.lookups',
  verdict,
  requirement: '4f-v',
  params: { count, limit: 10, over: 'include:_spf.vendor.example' },
});
const dmarc: Finding = {
  check: 'dmarc.policy',
  verdict: 'warn',
  requirement: 'gp-spoofing',
  params: { name: '_dmarc.moe.gov.my', policy: 'none' },
};
const starttls = (verdict: 'pass' | 'fail'): Finding => ({
  check: 'smtp.starttls',
  verdict,
  requirement: 'gp-transport',
  subject: 'mx1.moe.gov.my (203.0.113.25)',
  params: {
    reply: verdict === 'pass' ? '220 2.0.0 Ready to start TLS' : '502 5.5.2 Error: command not recognized',
  },
});

/** What the investigation finds: SPF over its lookup limit, DMARC only monitoring. */
export const BEFORE: readonly Finding[] = [spf('fail', 12), dmarc, starttls('pass')];
/** After the fix: SPF fixed, DMARC still monitoring, STARTTLS broken by the change. */
export const AFTER_PARTLY: readonly Finding[] = [spf('pass', 8), dmarc, starttls('fail')];
/** After a fix that holds: what failed passes (the DMARC warning stays, it never failed). */
export const AFTER_FIXED: readonly Finding[] = [spf('pass', 8), dmarc, starttls('pass')];

/** A bounce as a requester pastes it from Outlook (Malay client, Postfix diagnostic). */
export const PASTED_BOUNCE = [
  'Penghantaran kepada penerima atau kumpulan ini gagal:',
  '',
  'aminah@moe.gov.my',
  'Alamat e-mel yang anda masukkan tidak ditemui.',
  '',
  'Remote Server returned: 550 5.1.1 <aminah@moe.gov.my>: Recipient address rejected: User unknown in virtual mailbox table',
].join('\n');

type Script = (input: DomainCheckInput, call: number) => Promise<readonly Finding[]> | readonly Finding[];

/**
 * The checks port, scripted per call. `holdNext()` makes the next run wait until released: a replica that
 * is still checking (or has died) while its lease runs out.
 */
export function fakeChecks(script: Script, serviceDomains: readonly string[] = ['moe.gov.my']) {
  const calls: DomainCheckInput[] = [];
  let gate: Promise<void> | null = null;
  const checks: DomainChecks = {
    monitored: () => null,
    inService: (domain) => serviceDomains.some((d) => domain === d || domain.endsWith(`.${d}`)),
    async run(input) {
      calls.push(input);
      const call = calls.length;
      const held = gate;
      gate = null;
      // As the real checks do, a stop ends the wait (the probes) and the checks return what they have.
      if (held) await Promise.race([held, aborted(input.signal)]);
      return script(input, call);
    },
  };
  return {
    checks,
    calls,
    holdNext(): () => void {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}

const aborted = (signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
