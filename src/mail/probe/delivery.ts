import type {
  DeliverySettings,
  LearnedSelector,
  MonitoredDomain,
  ProbeKind,
  ProbeReport,
  QuotaReport,
} from './delivery-types.ts';
import { clockOf } from './probe-deps.ts';
import { readQuota } from './quota.ts';
import { type ProbeDeps, runProbe } from './run-probe.ts';

// The delivery check of one monitored domain: mail from the outside mailbox into the agency (circular 4(c)
// scheduled delivery tests) and from the agency out (SOP 4.2 step 3 tests both directions), the two size
// probes around the agency's limit (circular 4(f)(iii)), and the quota of both probe mailboxes (4(f)(i)).
// It reports what happened; delivery-findings.ts turns that into verdicts.

const KIB = 1024;
/**
 * How far the size probes stay from the limit. Relays add header fields before the recipient measures
 * (compose.ts), a few KiB at most, so "just under" keeps 64 KiB of room and "just over" is 256 KiB above:
 * neither can land on the wrong side by what the path adds.
 */
export const SIZE_UNDER_MARGIN_BYTES = 64 * KIB;
export const SIZE_OVER_MARGIN_BYTES = 256 * KIB;

export interface DeliveryInput {
  readonly target: MonitoredDomain;
  readonly settings: DeliverySettings;
  readonly deps: ProbeDeps;
  /** Which probes; by default both directions, and the size probes when `settings.sizeProbes`. */
  readonly kinds?: readonly ProbeKind[];
  /** Told of each probe as it finishes, for a card that fills in as results arrive. */
  readonly onProbe?: (report: ProbeReport) => void;
  /** mailops is stopping: probes still to send or waiting end as could-not-test (run-probe.ts). */
  readonly signal?: AbortSignal;
}

export interface DeliveryRun {
  /** In the order of `kinds`. */
  readonly probes: ProbeReport[];
  readonly quotas: QuotaReport[];
  readonly learned: LearnedSelector[];
}

const SIZE_KINDS: ReadonlySet<ProbeKind> = new Set(['size_under', 'size_over']);

export async function runDelivery(input: DeliveryInput): Promise<DeliveryRun> {
  const { target, settings, deps } = input;
  const kinds =
    input.kinds ??
    (['inbound', 'outbound', ...(settings.sizeProbes ? ['size_under', 'size_over'] : [])] as ProbeKind[]);
  const probe = async (kind: ProbeKind): Promise<ProbeReport> => {
    const outbound = kind === 'outbound';
    const report = await runProbe(
      {
        kind,
        from: outbound ? target.agency : target.outside,
        to: outbound ? target.outside : target.agency,
        deadlineMs: settings.deadlineMs,
        replyGraceMs: settings.replyGraceMs,
        ...sizeOf(kind, settings.sizeLimitBytes),
        ...(input.signal ? { signal: input.signal } : {}),
      },
      deps,
    );
    input.onProbe?.(report);
    return report;
  };

  // The size probes go after the others: 20 MB on the same path would delay the normal inbound probe and
  // make its time to inbox say something about the size probes instead.
  const reports = new Map<ProbeKind, ProbeReport>();
  for (const phase of [kinds.filter((k) => !SIZE_KINDS.has(k)), kinds.filter((k) => SIZE_KINDS.has(k))]) {
    const done = await Promise.all(phase.map(probe));
    for (const report of done) reports.set(report.kind, report);
  }
  const probes = kinds.map((k) => reports.get(k)!);

  // Read after the probes were cleaned up, so the quota shows the mailboxes as people use them; what
  // earlier probes left is removed first, once no probe can still be waiting for it.
  const removeLeftoversBefore = new Date(clockOf(deps)().getTime() - leftoverAgeMs(settings));
  const quotas = await Promise.all(
    [target.agency, target.outside]
      .filter((m) => m.imap !== null)
      .map((m) => readQuota(m, deps, { removeLeftoversBefore })),
  );
  return {
    probes,
    quotas,
    learned: learnedSelectors(probes, [target.domain, domainOf(target.outside.address)]),
  };
}

/**
 * How old a probe's mail must be before a later run may remove it: longer than any probe waits (deadline
 * and reply grace, from its submission) with room for a slow submission and clocks a little apart.
 */
function leftoverAgeMs(settings: Pick<DeliverySettings, 'deadlineMs' | 'replyGraceMs'>): number {
  return settings.deadlineMs + settings.replyGraceMs + LEFTOVER_MARGIN_MS;
}
const LEFTOVER_MARGIN_MS = 10 * 60_000;

function sizeOf(kind: ProbeKind, limit: number): { sizeBytes?: number } {
  if (kind === 'size_under') return { sizeBytes: limit - SIZE_UNDER_MARGIN_BYTES };
  if (kind === 'size_over') return { sizeBytes: limit + SIZE_OVER_MARGIN_BYTES };
  return {};
}

/** DKIM selectors (RFC 6376 §3.1) that signed a delivered probe for the domain or the outside mailbox's. */
export function learnedSelectors(
  probes: readonly ProbeReport[],
  domains: readonly string[],
): LearnedSelector[] {
  const wanted = new Set(domains.map((d) => d.toLowerCase()));
  const seen = new Map<string, LearnedSelector>();
  for (const probe of probes) {
    if (probe.result !== 'delivered') continue;
    for (const signature of probe.auth?.dkim ?? []) {
      if (!wanted.has(signature.domain)) continue;
      seen.set(`${signature.domain} ${signature.selector}`, {
        domain: signature.domain,
        selector: signature.selector,
      });
    }
  }
  return [...seen.values()];
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
