import { userInfo } from 'node:os';
import { isDnsServer } from '../config/addresses.ts';
import type { Config } from '../config/index.ts';
import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt, hasMessage, type Locale, type Translate } from '../i18n/index.ts';
import { keepRunAlive, RUN_LEASE_MS } from '../mail/abandoned-runs.ts';
import { describeFinding, reportedRequirements, requirementStatus } from '../mail/describe.ts';
import { createDomainChecks } from '../mail/domain-checks.ts';
import { createDnsClient } from '../mail/resolver.ts';
import { finishedStatusOf, finishRun, runHistory, startRun, summarize } from '../mail/runs.ts';
import { parseDomain } from '../mail/target-policy.ts';
import type { Finding, Verdict } from '../mail/types.ts';
import { systemClock } from '../time.ts';
import type { CliCommand, CliIo } from './commands.ts';
import { cliLogger, configOrThrow, table, withDatabase, withMigratedDatabase } from './context.ts';
import { cliText } from './locale.ts';

// `mailops mailtest <domain>` (issue 5): the same diagnosis as /mailtest in chat, in a terminal as a table
// (coloured on a terminal) or as JSON for scripts, stored like every run; `--history <domain>` lists past
// runs. The operator's terminal is not rate-limited: the limit protects chat from being used as a scanner.

const COLOUR: Readonly<Record<Verdict, string>> = {
  pass: '\u001b[32m',
  warn: '\u001b[33m',
  fail: '\u001b[31m',
  untested: '\u001b[90m',
};
const RESET = '\u001b[0m';

function domainOf(raw: string | undefined, t: Translate): string {
  if (raw === undefined) throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.mailtest.needs_domain'));
  const parsed = parseDomain(raw);
  if (!parsed.ok)
    throw new MailopsError(
      ERROR_CODES.CLI_USAGE,
      t(`mailtest.input.${parsed.reason}`, { input: parsed.input }),
    );
  return parsed.domain;
}

function dnsServers(value: unknown, config: Config, t: Translate): readonly string[] {
  if (typeof value !== 'string') return config.mailtest.dnsServers;
  if (!isDnsServer(value))
    throw new MailopsError(ERROR_CODES.CLI_USAGE, t('cli.mailtest.bad_dns', { value }));
  return [value];
}

function report(
  domain: string,
  at: Date,
  findings: readonly Finding[],
  locale: Locale,
  t: Translate,
  colour: boolean,
) {
  const described = findings.map((f) => ({ f, ...describeFinding(f, locale) }));
  const verdictWord = (v: Verdict) => t(`mailtest.verdict.${v}`);
  const lines = table(
    [
      t('cli.mailtest.verdict'),
      t('cli.mailtest.check'),
      t('cli.mailtest.subject'),
      t('cli.mailtest.finding'),
    ],
    described.map((d) => [verdictWord(d.f.verdict), d.title, d.f.subject ?? '', d.text]),
  ).split('\n');
  // Colour is added after the columns are padded, so escape codes never count as width.
  const painted = lines.map((line, index) => {
    const d = described[index - 2];
    if (!colour || !d) return line;
    const word = verdictWord(d.f.verdict);
    return `${COLOUR[d.f.verdict]}${word}${RESET}${line.slice(word.length)}`;
  });
  const fixes = described
    .filter((d) => d.fix !== '')
    .map((d, i) => `${i + 1}. ${d.title}${d.f.subject ? ` (${d.f.subject})` : ''}: ${d.fix}`);
  const status = requirementStatus(findings);
  return [
    t('cli.mailtest.heading', { domain, at: formatMyt(at, locale) }),
    '',
    ...painted,
    '',
    t('cli.mailtest.counts', summarize(findings)),
    t('cli.mailtest.requirements'),
    ...reportedRequirements(findings).map(
      (r) => `  ${t(`mailtest.requirement.${r}`)}: ${t(`mailtest.requirement_status.${status[r]}`)}`,
    ),
    ...(fixes.length > 0 ? ['', t('cli.mailtest.fixes'), ...fixes] : []),
  ].join('\n');
}

function asJson(
  domain: string,
  startedAt: Date,
  finishedAt: Date,
  findings: readonly Finding[],
  locale: Locale,
) {
  return JSON.stringify(
    {
      domain,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      summary: summarize(findings),
      requirements: Object.fromEntries(
        reportedRequirements(findings).map((r) => [r, requirementStatus(findings)[r]]),
      ),
      findings: findings.map((f) => ({ ...f, ...describeFinding(f, locale) })),
    },
    null,
    2,
  );
}

async function history(domain: string, io: CliIo): Promise<number> {
  const { config, text } = configOrThrow(io);
  const { locale, t } = text;
  const runs = await withDatabase(config, cliLogger(config), (db) =>
    runHistory(db.prisma, domain, new Date()),
  );
  if (runs.length === 0) {
    io.out(t('cli.mailtest.no_history', { domain }));
    return 0;
  }
  const headers = ['started', 'by', 'via', 'status', 'results'].map((h) => t(`cli.mailtest.${h}`));
  io.out(
    table(
      headers,
      runs.map((r) => [
        formatMyt(r.startedAt, locale),
        r.requestedByName,
        r.via,
        hasMessage(`cli.mailtest.run_status.${r.status}`)
          ? t(`cli.mailtest.run_status.${r.status}`)
          : r.status,
        t('cli.mailtest.counts', { pass: 0, warn: 0, fail: 0, untested: 0, ...r.summary }),
      ]),
    ),
  );
  return 0;
}

export const mailtestCommand: CliCommand = {
  name: 'mailtest',
  args: { key: 'cli.args.mailtest' },
  takesWords: true,
  summary: { key: 'cli.summary.mailtest' },
  options: {
    json: { type: 'boolean' },
    dns: { type: 'string' },
    history: { type: 'string' },
    delivery: { type: 'boolean' },
  },
  async run(args, io) {
    const early = cliText(io.env).t;
    // One domain: "--history a b" or "a --history b" would otherwise answer for one and drop the other.
    const words = typeof args.values.history === 'string' ? args.positionals : args.positionals.slice(1);
    if (words.length > 0)
      throw new MailopsError(
        ERROR_CODES.CLI_USAGE,
        early('cli.mailtest.extra_words', { words: words.join(' ') }),
      );
    if (typeof args.values.history === 'string') return history(domainOf(args.values.history, early), io);
    const domain = domainOf(args.positionals[0], early);
    const { config, text } = configOrThrow(io);
    const { locale, t } = text;
    const servers = dnsServers(args.values.dns, config, t);
    const delivery = args.values.delivery === true;
    if (delivery && !config.delivery.domains.some((d) => d.domain === domain))
      throw new MailopsError(ERROR_CODES.CLI_USAGE, t('mailtest.input.not_monitored', { domain }));
    const user = userInfo().username;
    const logger = cliLogger(config);
    // The terminal may run before any `mailops serve` on this data folder: the runs table must exist.
    return withMigratedDatabase(config, logger, async (db) => {
      const startedAt = new Date();
      const run = await startRun(db.prisma, {
        domain,
        requester: { id: `cli:${user}`, name: user, via: 'cli' },
        perMinute: Number.MAX_SAFE_INTEGER,
        now: startedAt,
        delivery,
        leaseMs: RUN_LEASE_MS,
      });
      if (!run.ok) throw new Error('unreachable: the terminal has no rate limit');
      // Ctrl-C while checks wait for a DNS answer or an SMTP reply (up to six timeouts), or probes for mail
      // (up to delivery.deadline_seconds): they end at once as could not test, and the run is stored
      // `stopped` and printed rather than left `running` by a killed process.
      const stopping = new AbortController();
      const unsubscribe =
        io.onInterrupt?.(() => {
          io.err(t('cli.mailtest.stopping'));
          stopping.abort();
        }) ?? (() => {});
      const checks = createDomainChecks({
        stopping: stopping.signal,
        db: db.prisma,
        mailtest: config.mailtest,
        delivery: config.delivery,
        logger,
        clock: systemClock,
        dns: createDnsClient({ servers: [...servers], timeoutMs: config.mailtest.timeoutMs }),
      });
      // A terminal closed or killed mid-run: a serving mailops finds the lapsed lease and stores it interrupted.
      let latest: readonly Finding[] = [];
      const letGo = keepRunAlive({
        db: db.prisma,
        runId: run.runId,
        clock: systemClock,
        logger,
        findings: () => latest,
      });
      const findings = await checks
        .run({
          domain,
          delivery,
          onFindings: (sofar) => {
            latest = sofar;
          },
        })
        .catch(async (error: unknown) => {
          await finishRun(db.prisma, run.runId, { findings: [], status: 'failed', at: new Date() });
          throw error;
        })
        .finally(() => {
          letGo();
          unsubscribe();
        });
      const finishedAt = new Date();
      await finishRun(db.prisma, run.runId, {
        findings: [...findings],
        status: finishedStatusOf(findings),
        at: finishedAt,
      });
      io.out(
        args.values.json
          ? asJson(domain, startedAt, finishedAt, findings, locale)
          : report(domain, startedAt, findings, locale, t, io.isTty),
      );
      // 128 + SIGINT, as a shell reports a command the user interrupted.
      return stopping.signal.aborted ? 130 : 0;
    });
  },
};
