import type { MailtestView } from '../../cards/mailtest-view.ts';
import type { MailtestSettings as ConfiguredSettings } from '../config/types.ts';
import type { Db } from '../db/types.ts';
import { createTranslator, type Locale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { PostedRef } from '../platform/port.ts';
import type { Clock } from '../time.ts';
import { keepRunAlive, RUN_LEASE_MS } from './abandoned-runs.ts';
import { createDomainChecks, type DomainChecks } from './domain-checks.ts';
import type { DeliverySettings } from './probe/delivery-types.ts';
import { reportView } from './report-view.ts';
import {
  attachCard,
  finishedStatusOf,
  finishRun,
  type Requester,
  type StoredCard,
  startRun,
} from './runs.ts';
import { parseDomain } from './target-policy.ts';
import type { DnsClient, Finding } from './types.ts';

// /mailtest in chat (issue 5): the request is checked and answered at once (a bad domain or the per-person
// limit is a sentence, nothing runs), then the report card is posted and filled in while the checks run, at
// most once a second, and the run is stored with every finding. The card is a diagnosis, not a decision:
// it goes straight to the platform rather than through the outbox (a lost progress update changes nothing,
// the stored run is the record), so it can keep up with the checks.

/** Where one report card lives: posted once, then updated in place. */
export interface ReportSink {
  /**
   * The chat platform (ChatPlatform.name) whose PostedRef `post` returns: the card is then stored with the run,
   * so another process can end it if this one dies (abandoned-runs.ts).
   */
  readonly platform?: string;
  post(view: MailtestView): Promise<unknown>;
  update(posted: unknown, view: MailtestView): Promise<void>;
}

export type MailtestStart =
  | { readonly ok: true; readonly domain: string; readonly done: Promise<void> }
  | { readonly ok: false; readonly message: string };

const UPDATE_EVERY_MS = 1000;

const NO_DELIVERY: DeliverySettings = {
  deadlineMs: 300_000,
  replyGraceMs: 15_000,
  sizeProbes: false,
  sizeLimitBytes: 10_485_760,
  minimumMailboxBytes: 100 * 1024 * 1024,
  quotaWarningPercents: [],
  serviceDomains: [],
  domains: [],
};

export function createMailtestService(deps: {
  db: Db;
  settings: ConfiguredSettings;
  logger: Logger;
  clock: Clock;
  /** The probe mailboxes of the monitored domains; without them `--delivery` says it cannot send. */
  delivery?: DeliverySettings;
  /** The checks themselves, shared with the daily checklist and the investigation (src/app.ts). */
  checks?: DomainChecks;
  /** Tests point the checks at their own servers; production asks the configured resolvers. */
  dns?: DnsClient;
  ports?: { smtp?: number; mtaSts?: number };
  /** Tests renew the run's lease more often than RUN_RENEW_EVERY_MS. */
  renewEveryMs?: number;
}) {
  const { settings } = deps;
  const checks =
    deps.checks ??
    createDomainChecks({
      db: deps.db,
      mailtest: settings,
      delivery: deps.delivery ?? NO_DELIVERY,
      logger: deps.logger,
      clock: deps.clock,
      ...(deps.dns ? { dns: deps.dns } : {}),
      ...(deps.ports ? { ports: deps.ports } : {}),
    });
  const running = new Set<Promise<void>>();

  async function run(
    request: { domain: string; delivery: boolean },
    runId: string,
    requester: Requester,
    locale: Locale,
    sink: ReportSink,
  ) {
    const { domain } = request;
    const startedAt = deps.clock.now();
    const view = (findings: readonly Finding[], finished: boolean, interrupted = false) =>
      reportView({ domain, findings, finished, requestedBy: requester.name, startedAt, locale, interrupted });
    const posted = await sink.post(view([], false));
    const card = storableCard(sink.platform, posted, locale);
    if (card)
      await attachCard(deps.db, runId, card).catch((error: unknown) => {
        deps.logger.warn('mailtest card not stored with its run', { domain, error });
      });
    let latest: readonly Finding[] = [];
    const letGo = keepRunAlive({
      db: deps.db,
      runId,
      clock: deps.clock,
      logger: deps.logger,
      findings: () => latest,
      ...(deps.renewEveryMs ? { everyMs: deps.renewEveryMs } : {}),
    });
    // One update in flight at a time; the newest findings win, older ones are never sent after them.
    let sending: Promise<void> | null = null;
    let last = 0;
    const flush = async (): Promise<void> => {
      while (sending) await sending;
      // Findings that arrive while an update is on its way go out in the next one: the card must not show
      // "2 checks done" for the minute an MX that never speaks holds the run.
      let sent: readonly Finding[] | null = null;
      while (sent !== latest) {
        const wait = last + UPDATE_EVERY_MS - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        last = Date.now();
        sent = latest;
        sending = sink.update(posted, view(sent, false)).catch((error: unknown) => {
          deps.logger.warn('mailtest progress update failed', { domain, error });
        });
        await sending;
        sending = null;
      }
      // In the same turn as the last look at `latest`: findings from here on start a flush of their own.
      pending = null;
    };
    let pending: Promise<void> | null = null;
    try {
      const findings = await checks.run({
        domain,
        delivery: request.delivery,
        onFindings: (sofar) => {
          latest = sofar;
          pending ??= flush();
        },
      });
      await pending;
      // A stop that cut checks short leaves a run that did not test them: history says `stopped`, and the
      // card says the run was cut short and to run it again, as for a run whose process died.
      const status = finishedStatusOf(findings);
      await finishRun(deps.db, runId, { findings: [...findings], status, at: deps.clock.now() });
      while (sending) await sending;
      await sink.update(posted, status === 'stopped' ? view(findings, false, true) : view(findings, true));
    } catch (error) {
      // Not the requester's fault: the card says so with a reference the operator finds in the log.
      const reference = crypto.randomUUID().slice(0, 8);
      deps.logger.error('mailtest run failed', { reference, domain, error });
      await finishRun(deps.db, runId, { findings: latest, status: 'failed', at: deps.clock.now() });
      // A progress update still waiting for its turn must not land after, and over, the "failed" card.
      await pending;
      while (sending) await sending;
      await sink.update(
        posted,
        reportView({
          domain,
          findings: latest,
          finished: false,
          requestedBy: requester.name,
          startedAt,
          locale,
          failedReference: reference,
        }),
      );
    } finally {
      letGo();
    }
  }

  return {
    async start(input: {
      text: string;
      requester: Requester;
      locale: Locale;
      sink: ReportSink;
    }): Promise<MailtestStart> {
      const t = createTranslator(input.locale);
      // A phone keyboard turns "--" into a dash ("—delivery"): read it as the option it was typed as.
      const words = input.text
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '')
        .map((w) => w.replace(/^[\u2012-\u2015\u2212]+(?=\p{L})/u, '--'));
      const flags = words.filter((w) => w.startsWith('-'));
      const unknown = flags.find((f) => f !== '--delivery');
      if (unknown) return { ok: false, message: t('mailtest.input.unknown_option', { option: unknown }) };
      const delivery = flags.includes('--delivery');
      const [named, ...extra] = words.filter((w) => !w.startsWith('-'));
      // "/mailtest a.gov.my delivery" or two domains: testing only the first would answer another question.
      if (extra.length > 0)
        return { ok: false, message: t('mailtest.input.extra_words', { words: extra.join(' ') }) };
      const parsed = parseDomain(named ?? '');
      if (!parsed.ok)
        return { ok: false, message: t(`mailtest.input.${parsed.reason}`, { input: parsed.input }) };
      // Probes send real mail from the configured mailboxes: only for a domain that has them.
      if (delivery && !checks.monitored(parsed.domain))
        return { ok: false, message: t('mailtest.input.not_monitored', { domain: parsed.domain }) };
      const started = await startRun(deps.db, {
        domain: parsed.domain,
        delivery,
        requester: input.requester,
        perMinute: settings.runsPerMinute,
        now: deps.clock.now(),
        leaseMs: RUN_LEASE_MS,
      });
      if (!started.ok)
        return {
          ok: false,
          message: t('mailtest.rate_limited', {
            count: settings.runsPerMinute,
            seconds: started.retryAfterSeconds,
          }),
        };
      const request = { domain: parsed.domain, delivery };
      const done = run(request, started.runId, input.requester, input.locale, input.sink).catch(
        async (error: unknown) => {
          const reference = crypto.randomUUID().slice(0, 8);
          deps.logger.error('mailtest run failed', { reference, domain: parsed.domain, error });
          await finishRun(deps.db, started.runId, {
            findings: [],
            status: 'failed',
            at: deps.clock.now(),
          }).catch(() => {});
        },
      );
      running.add(done);
      void done.finally(() => running.delete(done));
      return { ok: true, domain: parsed.domain, done };
    },
    checks,
    /** Until every run started so far has ended (shutdown, tests). */
    async idle(): Promise<void> {
      await Promise.all([...running]);
    },
  };
}

export type MailtestService = ReturnType<typeof createMailtestService>;

function storableCard(platform: string | undefined, posted: unknown, locale: Locale): StoredCard | null {
  if (!platform || typeof posted !== 'object' || posted === null) return null;
  const { channel, messageId } = posted as Partial<PostedRef>;
  return typeof channel === 'string' && typeof messageId === 'string'
    ? { platform, channel, messageId, locale }
    : null;
}
