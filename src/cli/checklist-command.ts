import { userInfo } from 'node:os';
import { renderTextMailtest } from '../../cards/text/render-mailtest.ts';
import { dueAt } from '../../flows/sla.ts';
import { activePlatforms, servesPlayground, withChat } from '../app.ts';
import type { Config } from '../config/index.ts';
import { directoryFromConfig } from '../directory/from-config.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt, type Locale, type Translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import { checklistView } from '../mail/checklist-view.ts';
import { createDomainChecks } from '../mail/domain-checks.ts';
import { type ChecklistFire, checklistHistory } from '../scheduler/checklist-history.ts';
import { loadChecklistDomains } from '../scheduler/checklist-report.ts';
import { LATE_MS, runChecklistNow } from '../scheduler/daily-checklist.ts';
import type { OutboxTarget } from '../tickets/outbox-writer.ts';
import { createTicketService } from '../tickets/ticket-service.ts';
import { systemClock } from '../time.ts';
import type { CliArgs, CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, table, withDatabase, withMigratedDatabase } from './context.ts';
import { cliText } from './locale.ts';

// `mailops checklist run [--domain d]`: the daily e-mail checklist (circular 4(c), 4(h)) now, for one or all
// monitored domains, as a scheduled fire would run it: runs stored, complaints opened or added to, and the
// summary queued for SOC. The terminal has no chat platform: the outbox rows wait for `mailops serve`.
// `mailops checklist history [--limit N]`: the fires so far, so an operator can show no day was skipped.

function chosenDomains(args: CliArgs, config: Config, t: Translate): string[] {
  const monitored = config.delivery.domains.map((d) => d.domain);
  const wanted = args.values.domain;
  if (typeof wanted !== 'string') return monitored;
  const domain = wanted.trim().toLowerCase().replace(/\.$/, '');
  if (!monitored.includes(domain)) {
    const list = monitored.join(', ') || '-';
    throw new MailopsError(
      ERROR_CODES.CLI_USAGE,
      t('cli.checklist.not_monitored', { domain, domains: list }),
    );
  }
  return [domain];
}

/** Where `mailops serve` with this configuration delivers (src/app.ts decides alike). */
function outboxTarget(config: Config, logger: Logger): OutboxTarget {
  const playground = servesPlayground(config);
  return {
    directory: directoryFromConfig(withChat(config, playground).config),
    platforms: activePlatforms(config, playground),
    logger,
  };
}

export const checklistRunCommand: CliCommand = {
  name: 'checklist run',
  args: { key: 'cli.args.checklist_run' },
  summary: { key: 'cli.summary.checklist_run' },
  options: { domain: { type: 'string' } },
  unexpectedWords: { key: 'cli.checklist.unexpected' },
  async run(args, io) {
    const { config, text } = configOrThrow(io);
    const { locale, t } = text;
    const domains = chosenDomains(args, config, t);
    if (domains.length === 0) {
      io.err(t('cli.checklist.no_domains'));
      return 1;
    }
    const logger = cliLogger(config);
    return withMigratedDatabase(config, logger, async (db) => {
      const target = outboxTarget(config, logger);
      const deps = {
        db: db.prisma,
        target,
        logger,
        clock: systemClock,
        settings: config.delivery,
        checks: createDomainChecks({
          db: db.prisma,
          mailtest: config.mailtest,
          delivery: config.delivery,
          logger,
          clock: systemClock,
        }),
        tickets: createTicketService({
          ...target,
          db: db.prisma,
          clock: systemClock,
          slaDueAt: (kind, state, at) => dueAt(kind, state as never, at, config.sla, config.calendar),
        }),
      };
      const ran = await runChecklistNow(deps, { owner: `cli:${userInfo().username}`, domains });
      if (!ran) {
        io.err(t('cli.checklist.busy'));
        return 1;
      }
      const view = checklistView({
        at: ran.at,
        locale,
        domains: await loadChecklistDomains(db.prisma, ran.result.runIds, ran.at),
      });
      io.out(renderTextMailtest(view, Number.MAX_SAFE_INTEGER));
      io.out(`\n${t('cli.checklist.queued')}`);
      // A domain that could not be checked is the operator's to look into (its reference is in the log).
      return ran.result.couldNotRun > 0 ? 1 : 0;
    });
  },
};

function fireRow(fire: ChecklistFire, locale: Locale, t: Translate): string[] {
  const started = formatMyt(fire.startedAt, locale);
  const lateBy = fire.startedAt.getTime() - fire.fireAt.getTime();
  const result = fire.result;
  return [
    formatMyt(fire.fireAt, locale),
    fire.schedule ?? t('cli.checklist.history.manual'),
    t(`cli.checklist.history.${fire.state}`),
    fire.schedule !== null && lateBy > LATE_MS
      ? t('cli.checklist.history.late', { started, minutes: Math.round(lateBy / 60_000) })
      : started,
    fire.owner,
    String(fire.attempts),
    result === null
      ? ''
      : 'error' in result
        ? result.error
        : t('cli.checklist.history.counts', {
            domains: result.domains,
            failed: result.failed,
            couldNotRun: result.couldNotRun,
            opened: result.ticketsOpened,
            updated: result.ticketsUpdated,
          }),
  ];
}

function limitOf(value: unknown, t: Translate): number {
  if (value === undefined) return 14;
  const text = String(value);
  const limit = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  if (!(limit >= 1 && limit <= 1000))
    throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.checklist.bad_limit', { value: text }));
  return limit;
}

export const checklistHistoryCommand: CliCommand = {
  name: 'checklist history',
  args: { key: 'cli.args.checklist_history' },
  summary: { key: 'cli.summary.checklist_history' },
  options: { limit: { type: 'string' } },
  unexpectedWords: { key: 'cli.checklist.history_unexpected' },
  async run(args, io) {
    const limit = limitOf(args.values.limit, cliText(io.env).t);
    const { config, text } = configOrThrow(io);
    const { locale, t } = text;
    const logger = cliLogger(config);
    // Only reads: it must not migrate the schema under a mailops serve still running the older version.
    const fires = await withDatabase(config, logger, (db) => checklistHistory(db.prisma, limit));
    if (fires.length === 0) {
      io.out(t('cli.checklist.no_history'));
      return 0;
    }
    const headers = ['fire', 'schedule', 'status', 'started', 'owner', 'attempt', 'result'].map((h) =>
      t(`cli.checklist.history.${h}`),
    );
    io.out(
      table(
        headers,
        fires.map((f) => fireRow(f, locale, t)),
      ),
    );
    return 0;
  },
};
