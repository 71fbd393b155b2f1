import { readFileSync } from 'node:fs';
import type { MailtestView } from '../../cards/mailtest-view.ts';
import type { MailtestSettings as ConfiguredSettings } from '../config/types.ts';
import type { Db } from '../db/types.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { createTranslator, type Locale } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../time.ts';
import { runMailtest } from './mailtest.ts';
import { reportView } from './report-view.ts';
import { createDnsClient } from './resolver.ts';
import { finishRun, type Requester, startRun } from './runs.ts';
import { createTargetPolicy, parseDomain } from './target-policy.ts';
import type { DnsClient, Finding } from './types.ts';

// /mailtest in chat (issue 5): the request is checked and answered at once (a bad domain or the per-person
// limit is a sentence, nothing runs), then the report card is posted and filled in while the checks run, at
// most once a second, and the run is stored with every finding. The card is a diagnosis, not a decision:
// it goes straight to the platform rather than through the outbox (a lost progress update changes nothing,
// the stored run is the record), so it can keep up with the checks.

/** Where one report card lives: posted once, then updated in place. */
export interface ReportSink {
  post(view: MailtestView): Promise<unknown>;
  update(posted: unknown, view: MailtestView): Promise<void>;
}

export type MailtestStart =
  | { readonly ok: true; readonly domain: string; readonly done: Promise<void> }
  | { readonly ok: false; readonly message: string };

const UPDATE_EVERY_MS = 1000;

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new MailopsError(ERROR_CODES.CONFIG_INVALID, `mailtest.extra_ca_file ${file} cannot be read`, {
      cause: error,
      hint: 'check the path in the configuration file (it is relative to the file)',
    });
  }
}

export function createMailtestService(deps: {
  db: Db;
  settings: ConfiguredSettings;
  logger: Logger;
  clock: Clock;
  /** Tests point the checks at their own servers; production asks the configured resolvers. */
  dns?: DnsClient;
  ports?: { smtp?: number; mtaSts?: number };
}) {
  const { settings } = deps;
  const ca = settings.extraCaFile ? [readCa(settings.extraCaFile)] : undefined;
  const target = createTargetPolicy(settings.allowTargets);
  const running = new Set<Promise<void>>();

  async function run(domain: string, runId: string, requester: Requester, locale: Locale, sink: ReportSink) {
    const startedAt = deps.clock.now();
    const view = (findings: readonly Finding[], finished: boolean) =>
      reportView({ domain, findings, finished, requestedBy: requester.name, startedAt, locale });
    const posted = await sink.post(view([], false));
    // One update in flight at a time; the newest findings win, older ones are never sent after them.
    let latest: readonly Finding[] = [];
    let sending: Promise<void> | null = null;
    let last = 0;
    const flush = async (): Promise<void> => {
      while (sending) await sending;
      const wait = last + UPDATE_EVERY_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      last = Date.now();
      sending = sink.update(posted, view(latest, false)).catch((error: unknown) => {
        deps.logger.warn('mailtest progress update failed', { domain, error });
      });
      await sending;
      sending = null;
    };
    let pending: Promise<void> | null = null;
    try {
      const findings = await runMailtest({
        domain,
        dns:
          deps.dns ?? createDnsClient({ servers: [...settings.dnsServers], timeoutMs: settings.timeoutMs }),
        target,
        settings: { ...settings, ...(ca ? { ca } : {}) },
        ...(deps.ports ? { ports: deps.ports } : {}),
        onFindings: (sofar) => {
          latest = sofar;
          pending ??= flush().finally(() => {
            pending = null;
          });
        },
      });
      await pending;
      await finishRun(deps.db, runId, { findings, status: 'done', at: deps.clock.now() });
      while (sending) await sending;
      await sink.update(posted, view(findings, true));
    } catch (error) {
      // Not the requester's fault: the card says so with a reference the operator finds in the log.
      const reference = crypto.randomUUID().slice(0, 8);
      deps.logger.error('mailtest run failed', { reference, domain, error });
      await finishRun(deps.db, runId, { findings: latest, status: 'failed', at: deps.clock.now() });
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
      const parsed = parseDomain(input.text.trim().split(/\s+/)[0] ?? '');
      if (!parsed.ok)
        return { ok: false, message: t(`mailtest.input.${parsed.reason}`, { input: parsed.input }) };
      const started = await startRun(deps.db, {
        domain: parsed.domain,
        requester: input.requester,
        perMinute: settings.runsPerMinute,
        now: deps.clock.now(),
      });
      if (!started.ok)
        return {
          ok: false,
          message: t('mailtest.rate_limited', {
            count: settings.runsPerMinute,
            seconds: started.retryAfterSeconds,
          }),
        };
      const done = run(parsed.domain, started.runId, input.requester, input.locale, input.sink).catch(
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
    /** Until every run started so far has ended (shutdown, tests). */
    async idle(): Promise<void> {
      await Promise.all([...running]);
    },
  };
}

export type MailtestService = ReturnType<typeof createMailtestService>;
