import { ERROR_CODES, MailopsError } from '../errors.ts';
import { formatMyt } from '../i18n/index.ts';
import { outboxOverview, retryParked } from '../outbox/parked.ts';
import type { CliCommand } from './commands.ts';
import { cliLogger, configOrThrow, table, withDatabase } from './context.ts';
import { cliText } from './locale.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const outboxCommand: CliCommand = {
  name: 'outbox',
  summary: { key: 'cli.summary.outbox' },
  unexpectedWords: { key: 'cli.outbox.unexpected' },
  async run(_args, io) {
    const { config, text } = configOrThrow(io);
    const { t, locale } = text;
    const overview = await withDatabase(config, cliLogger(config), (db) => outboxOverview(db.prisma));
    if (overview.counts.length === 0) {
      io.out(t('cli.outbox.empty'));
      return 0;
    }
    const counted = overview.counts.map((c) => [c.status, c.platform, String(c.count)]);
    io.out(table([t('cli.outbox.status'), t('cli.outbox.platform'), t('cli.outbox.count')], counted));
    if (overview.parkedTotal === 0) return 0;
    io.out('');
    io.out(t('cli.outbox.parked', { shown: overview.parked.length, total: overview.parkedTotal }));
    const rows = overview.parked.map((m) => [
      m.id,
      m.platform,
      m.kind,
      m.ticketNumber ?? '-',
      formatMyt(m.createdAt, locale),
      (m.lastError ?? '').slice(0, 80),
    ]);
    const headers = ['id', t('cli.outbox.platform'), t('cli.outbox.kind'), t('cli.tickets.number')];
    io.out(table([...headers, t('cli.outbox.written'), t('cli.outbox.error')], rows));
    io.out(t('cli.outbox.retry_hint'));
    return 0;
  },
};

export const outboxRetryCommand: CliCommand = {
  name: 'outbox retry',
  args: { key: 'cli.args.outbox_retry' },
  takesWords: true,
  summary: { key: 'cli.summary.outbox_retry' },
  async run(args, io) {
    const bad = args.positionals.filter((id) => !UUID.test(id));
    if (bad.length > 0) {
      const message = cliText(io.env).t('cli.outbox.bad_id', { ids: bad.join(', ') });
      throw new MailopsError(ERROR_CODES.CLI_USAGE, message);
    }
    const { config, text } = configOrThrow(io);
    const ids = args.positionals.length > 0 ? args.positionals.map((id) => id.toLowerCase()) : undefined;
    const outcome = await withDatabase(config, cliLogger(config), (db) =>
      retryParked(db.prisma, new Date(), ids),
    );
    if (outcome.ok) {
      io.out(text.t('cli.outbox.requeued', { count: outcome.requeued }));
      return 0;
    }
    for (const id of outcome.unknown) io.err(text.t('cli.outbox.unknown_id', { id }));
    for (const m of outcome.notParked)
      io.err(text.t('cli.outbox.not_parked', { id: m.id, status: m.status }));
    io.err(text.t('cli.outbox.none_requeued'));
    return 1;
  },
};
