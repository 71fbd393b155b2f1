import { readFileSync } from 'node:fs';
import type { MailtestSettings as ConfiguredSettings } from '../config/types.ts';
import type { Db } from '../db/types.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../time.ts';
import type { SigningSelector } from './dkim.ts';
import { runMailtest } from './mailtest.ts';
import { runDelivery } from './probe/delivery.ts';
import { deliveryFindings } from './probe/delivery-findings.ts';
import type { DeliverySettings, LearnedSelector, MonitoredDomain } from './probe/delivery-types.ts';
import { createDnsClient, withinDomain } from './resolver.ts';
import { createTargetPolicy } from './target-policy.ts';
import type { DnsClient, Finding } from './types.ts';

// Everything the bot checks about one mail domain, for whoever asks: /mailtest (with --delivery), the daily
// checklist (circular 4(c)) and a complaint's investigation (SOP 4.2 step 3). The domain checks and the
// delivery probes run side by side; DKIM selectors seen on delivered probes are remembered for the next run.

export interface DomainCheckInput {
  readonly domain: string;
  /** Run the delivery probes too (only for a monitored domain; otherwise a finding says they could not run). */
  readonly delivery: boolean;
  /** Told each time findings arrive. */
  readonly onFindings?: (findings: readonly Finding[]) => void;
  /**
   * Whoever asked is stopping (the investigation worker, the checklist, Ctrl-C): the checks and probes still
   * waiting end at once as could-not-test (`stopped`).
   */
  readonly signal?: AbortSignal;
}

/** The port the checklist and the investigation use; tests of their bookkeeping may pass their own. */
export interface DomainChecks {
  /** The monitored domain with its probe mailboxes, or null. */
  monitored(domain: string): MonitoredDomain | null;
  /**
   * Whether the domain is served by the e-mail service (SOP 4.2 step 3, first bullet); null when the
   * configuration names none of the service's domains, so nobody here can tell.
   */
  inService(domain: string): boolean | null;
  run(input: DomainCheckInput): Promise<readonly Finding[]>;
}

export interface DomainCheckDeps {
  readonly db: Db;
  readonly mailtest: ConfiguredSettings;
  readonly delivery: DeliverySettings;
  readonly logger: Logger;
  readonly clock: Clock;

  /**
   * Aborted when mailops stops: DNS questions, SMTP sessions, the MTA-STS fetch and delivery probes still
   * waiting end at once as could-not-test (`stopped`) instead of holding the shutdown for their timeouts (a
   * probe's deadline is up to an hour).
   */
  readonly stopping?: AbortSignal;

  /** Tests point the checks at their own servers. */
  readonly dns?: DnsClient;
  readonly ports?: { smtp?: number; mtaSts?: number };
}

/** mailtest.extra_ca_file, read once at start so a wrong path stops the start-up rather than a run. */
function readCa(file: string | null): readonly string[] | undefined {
  if (!file) return undefined;
  try {
    return [readFileSync(file, 'utf8')];
  } catch (error) {
    throw new MailopsError(ERROR_CODES.CONFIG_INVALID, `mailtest.extra_ca_file ${file} cannot be read`, {
      cause: error,
      hint: 'check the path in the configuration file (it is relative to the file)',
    });
  }
}

// A monitored domain's probes see its signature every day. The selector seen last is the one it signs with
// now, unless the probes stopped long ago: by then the agency may have moved to a signer nobody has seen.
const SIGNING_SEEN_WITHIN_MS = 30 * 24 * 3600_000;
/** A day as the service desk counts it (YYYY-MM-DD, Malaysia time). */
const mytDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kuala_Lumpur' });

function signingSelector(
  newest: { readonly selector: string; readonly lastSeenAt: Date } | undefined,
  now: Date,
): SigningSelector | undefined {
  if (!newest || now.getTime() - newest.lastSeenAt.getTime() > SIGNING_SEEN_WITHIN_MS) return undefined;
  return { selector: newest.selector, seenOn: mytDay.format(newest.lastSeenAt) };
}

export function createDomainChecks(deps: DomainCheckDeps): DomainChecks {
  const ca = readCa(deps.mailtest.extraCaFile);
  const target = createTargetPolicy(deps.mailtest.allowTargets);
  const dnsClient = () =>
    deps.dns ??
    createDnsClient({ servers: [...deps.mailtest.dnsServers], timeoutMs: deps.mailtest.timeoutMs });
  const monitored = (domain: string) => deps.delivery.domains.find((d) => d.domain === domain) ?? null;

  async function remember(learned: readonly LearnedSelector[]): Promise<void> {
    const at = deps.clock.now();
    for (const { domain, selector } of learned) {
      await deps.db.learnedDkimSelector.upsert({
        where: { domain_selector: { domain, selector } },
        create: { domain, selector, firstSeenAt: at, lastSeenAt: at },
        update: { lastSeenAt: at },
      });
    }
  }

  return {
    monitored,
    inService: (domain) =>
      deps.delivery.domains.length === 0 && deps.delivery.serviceDomains.length === 0
        ? null
        : deps.delivery.domains.some((d) => withinDomain(domain, d.domain)) ||
          deps.delivery.serviceDomains.some((d) => withinDomain(domain, d)),
    async run(input) {
      const dns = dnsClient();
      const signals = [deps.stopping, input.signal].filter((x): x is AbortSignal => x !== undefined);
      const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
      const learned = await deps.db.learnedDkimSelector.findMany({
        where: { domain: input.domain },
        select: { selector: true, lastSeenAt: true },
        orderBy: [{ lastSeenAt: 'desc' }, { selector: 'asc' }],
      });
      // A run whose probes go out sees today's signature on their copies (delivery.auth_dkim): the selector
      // remembered from an earlier day would only be stale on the day a key is rotated.
      const probing = input.delivery && monitored(input.domain) !== null;
      const signing = probing ? undefined : signingSelector(learned[0], deps.clock.now());
      let domainFindings: readonly Finding[] = [];
      let probeFindings: readonly Finding[] = [];
      const tell = () => input.onFindings?.([...domainFindings, ...probeFindings]);
      const probes = async (): Promise<readonly Finding[]> => {
        if (!input.delivery) return [];
        const where = monitored(input.domain);
        if (!where) {
          // Without probe mailboxes nothing can be sent: say so rather than stay silent (never a fail), for
          // both directions SOP 4.2 step 3 tests, since a complaint may be that mail cannot be sent out.
          probeFindings = (['delivery.inbound', 'delivery.outbound'] as const).map((check) => ({
            check,
            verdict: 'untested',
            requirement: '4c',
            params: { reason: 'not_configured' },
          }));
          tell();
          return probeFindings;
        }
        const result = await runDelivery({
          target: where,
          settings: deps.delivery,
          ...(signal ? { signal } : {}),
          deps: {
            dns,
            timeoutMs: deps.mailtest.timeoutMs,
            heloName: deps.mailtest.heloName,
            ...(ca ? { ca } : {}),
            logger: deps.logger,
          },
        });
        await remember(result.learned);
        probeFindings = deliveryFindings({
          domain: input.domain,
          probes: result.probes,
          quotas: result.quotas,
          settings: deps.delivery,
        });
        tell();
        return probeFindings;
      };
      const [domain, delivered] = await Promise.all([
        runMailtest({
          domain: input.domain,
          dns,
          target,
          settings: { ...deps.mailtest, ...(ca ? { ca } : {}) },
          learnedSelectors: learned.map((l) => l.selector),
          ...(signing ? { signingSelector: signing } : {}),
          ...(deps.ports ? { ports: deps.ports } : {}),
          ...(signal ? { signal } : {}),
          onFindings: (sofar) => {
            domainFindings = sofar;
            tell();
          },
        }),
        probes(),
      ]);
      return [...domain, ...delivered];
    },
  };
}
