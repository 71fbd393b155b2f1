import type { Finding, Requirement, Verdict } from '../types.ts';
import type { DeliverySettings, ProbeReport } from './delivery-types.ts';

// The delivery probes' checks (issue 6): each with the requirement it serves and the verdicts it can give,
// and the few ways their findings show values. The catalog (src/i18n/catalog/mailtest-delivery*.ts) has a
// title, a fix and a text per verdict for each; test/mail/probe/delivery-catalog.test.ts holds them together.
// Values from remote servers are shown as data: cleaned and capped, never read as words or markup.

const CHECKS = {
  'delivery.inbound': ['4c', ['pass', 'untested']],
  'delivery.outbound': ['4c', ['pass', 'untested']],
  'delivery.auto_reply': ['4c', ['pass']],
  'delivery.bounce': ['4c', ['fail', 'untested']],
  'delivery.delayed': ['4c', ['fail']],
  'delivery.no_answer': ['4c', ['fail']],
  'delivery.refused': ['4c', ['untested']],
  'delivery.size_under': ['4f-iii', ['pass', 'fail', 'untested']],
  'delivery.size_over': ['4f-iii', ['pass', 'fail', 'untested']],
  'delivery.quota_size': ['4f-i', ['pass', 'fail', 'untested']],
  'delivery.quota_usage': ['gp-quota', ['pass', 'warn', 'fail', 'untested']],
  'delivery.auth_spf': ['gp-spoofing', ['pass', 'warn', 'fail', 'untested']],
  'delivery.auth_dkim': ['gp-spoofing', ['pass', 'warn', 'fail', 'untested']],
  'delivery.auth_dkim_key': ['gp-spoofing', ['pass', 'warn', 'fail', 'untested']],
  'delivery.auth_dmarc': ['gp-spoofing', ['pass', 'fail', 'untested']],
  'delivery.tls_hops': ['gp-transport', ['pass', 'warn', 'untested']],
} as const satisfies Record<string, readonly [Requirement, readonly Verdict[]]>;

export type DeliveryCheck = keyof typeof CHECKS;

/**
 * The outcome of one probe, which is a different check id for each way it can end: a probe that found no
 * answer before the fix and was delivered after it is the same check, fixed (src/investigation/compare.ts).
 */
export const DELIVERY_OUTCOME_CHECKS: ReadonlySet<string> = new Set<DeliveryCheck>([
  'delivery.inbound',
  'delivery.outbound',
  'delivery.auto_reply',
  'delivery.bounce',
  'delivery.delayed',
  'delivery.no_answer',
  'delivery.refused',
]);
export type Params = Record<string, string | number>;

/** Every delivery check with its requirement and the verdicts it can give (for the catalog tests). */
export const DELIVERY_CHECKS = Object.entries(CHECKS).map(([check, [requirement, verdicts]]) => ({
  check: check as DeliveryCheck,
  requirement,
  verdicts: verdicts as readonly Verdict[],
}));

/** The order findings are reported in: the checks' own. */
export const CHECK_ORDER: readonly string[] = Object.keys(CHECKS);

export type DeliveryFindingSettings = Pick<
  DeliverySettings,
  'deadlineMs' | 'sizeLimitBytes' | 'minimumMailboxBytes' | 'quotaWarningPercents'
>;

export function finding(check: DeliveryCheck, verdict: Verdict, params: Params, subject?: string): Finding {
  const requirement = CHECKS[check][0];
  return subject ? { check, verdict, requirement, subject, params } : { check, verdict, requirement, params };
}

/** What a finding per probe is about: its sender and recipient, as the report shows it. */
export const routeOf = (p: ProbeReport) => `${address(p.from)} → ${address(p.to)}`;

/** Server text is shown as data: control and bidi characters out, whitespace folded, length capped. */
export function clean(text: string | null | undefined, max = 300): string {
  const one = (text ?? '')
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!one) return '—';
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export const address = (text: string | null | undefined) => clean(text, 254);
export const code = (result: string) => clean(result, 20).toLowerCase();

/** "4.2 s", "42 s", "5 min", "1 min 30 s", "2 h 5 min": units every reader of either language knows. */
export function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${Math.floor(s * 10) / 10} s`;
  const total = Math.round(s);
  const [h, m, sec] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  if (h) return m ? `${h} h ${m} min` : `${h} h`;
  if (m) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

/** Binary megabytes, as Postfix and Dovecot count them; rounded the way that never flatters the result. */
export function megabytes(bytes: number, round: 'up' | 'down'): string {
  const giga = bytes >= 1024 ** 3;
  const value = (bytes / (giga ? 1024 ** 3 : 1024 ** 2)) * 100;
  const shown = (round === 'up' ? Math.ceil(value) : Math.floor(value)) / 100;
  return `${shown} ${giga ? 'GB' : 'MB'}`;
}

export const grouped = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Malaysia keeps UTC+8 all year. */
export function myt(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return '—';
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} MYT`;
}
