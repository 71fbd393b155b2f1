import { dueAt } from '../flows/sla.ts';
import type { Config } from './config/index.ts';
import { type Database, openDatabase } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { cleanUp } from './db/prune.ts';
import { directoryFromConfig } from './directory/from-config.ts';
import { syncConfigRoles } from './directory/sync-roles.ts';
import { ERROR_CODES, MailopsError } from './errors.ts';
import { healthRoutes } from './http/health.ts';
import { createMetrics } from './http/metrics.ts';
import { createHttpServer, listen, type Route } from './http/server.ts';
import { renderMessage } from './i18n/index.ts';
import { createInvestigationWorker } from './investigation/worker.ts';
import type { Logger } from './log.ts';
import { createAbandonedRunSweeper } from './mail/abandoned-runs.ts';
import { createDomainChecks } from './mail/domain-checks.ts';
import { createMailtestService } from './mail/mailtest-service.ts';
import type { DnsClient } from './mail/types.ts';
import { createDispatcher } from './outbox/dispatcher.ts';
import { createInflight } from './platform/inflight.ts';
import { createPlayground } from './platform/playground/playground.ts';
import { playgroundWorkspace, withPlaygroundIdentities } from './platform/playground/workspace.ts';
import type { ChatPlatform } from './platform/port.ts';
import { createSlackAdapter } from './platform/slack/slack-adapter.ts';
import { createTeamsAdapter } from './platform/teams/teams-adapter.ts';
import { buildChecklistReport } from './scheduler/checklist-report.ts';
import { checklistTasks } from './scheduler/daily-checklist.ts';
import { escalateOverdue } from './scheduler/escalate-overdue.ts';
import { createScheduler } from './scheduler/scheduler.ts';
import type { SlaDueAt } from './tickets/advance-ticket.ts';
import { buildTicketCard } from './tickets/card-source.ts';
import { realignCardKinds } from './tickets/realign-card-kinds.ts';
import { realignDeadlines } from './tickets/realign-deadlines.ts';
import { createTicketService } from './tickets/ticket-service.ts';
import { type Clock, systemClock } from './time.ts';

// The composition root (`mailops serve`): database and migrations, ticket service, outbox dispatcher,
// scheduler and HTTP server, wired once. Adapters for Slack, Teams and the playground plug in as
// ChatPlatform implementations and HTTP routes.

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly version: string;
  readonly platforms?: readonly ChatPlatform[];
  readonly routes?: readonly Route[];
  readonly clock?: Clock;
  /** Tests open their own database; production opens the configured one. */
  readonly database?: Database;
  /**
   * Serve Teams without credentials (anonymous Bot Framework requests), as the local playground and the
   * tests do; refused in production, where the SDK requires a client id.
   */
  readonly teamsAnonymous?: boolean;
  /**
   * Serve the local playground (src/platform/playground): a page playing a Teams workspace, answered by the
   * bot's Teams code path without credentials. `mailops serve` turns it on when no chat credentials are set.
   */
  readonly playground?: boolean;
  /** Tests point the mail checks at their own name server and ports; production uses the configuration. */
  readonly checkPorts?: { readonly dns?: DnsClient; readonly ports?: { smtp?: number; mtaSts?: number } };
}

/**
 * Without chat credentials there is no chat to answer: `mailops serve` serves the playground as the chat
 * (README, "Try it locally"), and `mailops checklist run` queues its summary for it.
 */
export function servesPlayground(config: Config): boolean {
  return !config.platforms.slack && !config.platforms.teams;
}

/** The configuration as the bot runs with it: in the playground, its people and channels are of its workspace. */
export function withChat(config: Config, playground: boolean) {
  const workspace = playground ? playgroundWorkspace(config) : null;
  return { workspace, config: workspace ? withPlaygroundIdentities(config, workspace) : config };
}

/** The platforms whose outbox rows a decision writes: those with credentials, and Teams served anonymously. */
export function activePlatforms(config: Config, teamsAnonymous = false): string[] {
  const teams = config.platforms.teams !== null || teamsAnonymous;
  return [...(config.platforms.slack ? ['slack'] : []), ...(teams ? ['teams'] : [])];
}

// Production without chat credentials, where `mailops serve` would turn on the playground, is a problem of the
// configuration (src/config/env.ts): `mailops config check` lists it, and serve stops before it gets here.
function refuseInProduction(config: Config, options: AppOptions): void {
  if (!config.runtime.production) return;
  if (options.teamsAnonymous)
    throw new MailopsError(ERROR_CODES.CONFIG_INVALID, 'Teams without credentials is refused in production', {
      hint: 'set TEAMS_CLIENT_ID, TEAMS_CLIENT_SECRET and TEAMS_TENANT_ID',
    });
}

/** How long a stop waits for a person's action under way: well above a decision's usual second or two. */
const INFLIGHT_GRACE_MS = 15_000;

export async function startApp(options: AppOptions) {
  const { logger } = options;
  refuseInProduction(options.config, options);
  // The playground's people and channels are Teams users and channels of its own workspace.
  const { workspace, config } = withChat(options.config, options.playground === true);
  const teamsAnonymous = options.teamsAnonymous === true || workspace !== null;
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.database.kind === 'postgres' ? config.database.url.reveal() : undefined,
      dataDir: config.dataDir,
      logger,
    }));
  // A start that fails lets go of the embedded database it opened, so the next start on the folder can open it.
  const closeAndThrow = async (error: unknown): Promise<never> => {
    if (!options.database) await database.close();
    throw error;
  };
  try {
    await applyMigrations(database, { logger });
    const roles = await syncConfigRoles(database.prisma, config.people, clock.now());
    if (roles.granted.length + roles.revoked.length > 0) logger.info('role assignments changed', roles);
  } catch (error) {
    await closeAndThrow(error);
  }
  const db = database.prisma;
  const metrics = createMetrics();
  const platformsOn = activePlatforms(config, teamsAnonymous);
  const directory = directoryFromConfig(config, platformsOn);
  const teamsOn = config.platforms.teams !== null || teamsAnonymous;
  const target = { directory, platforms: platformsOn, logger };
  const playground = workspace
    ? createPlayground({
        workspace,
        db,
        directory,
        logger,
        clock,
        host: config.server.host,
        names: config.server.playgroundHosts,
      })
    : null;
  const platforms = new Map((options.platforms ?? []).map((p) => [p.name, p]));
  const dispatcher = createDispatcher({
    db,
    platforms,
    context: {
      renderText: (message, locale) => renderMessage(message, locale === 'en' ? 'en' : 'ms'),
      buildCard: (ticketId, card, reader) => {
        const person = reader && directory.byIdentity(reader.platform, reader.user);
        return buildTicketCard(db, directory, ticketId, card, clock.now(), person?.id);
      },
      buildReport: (report) => buildChecklistReport(db, report),
    },
    clock,
    logger,
    retryWindowMs: config.outbox.retryHours * 3_600_000,
    backoff: { baseDelayMs: config.outbox.baseDelayMs, maxDelayMs: 10 * 60_000 },
    onDelivered: (platform, kind) => metrics.deliveries.inc({ platform, kind, result: 'sent' }),
    onFailed: (platform, kind, final) =>
      metrics.deliveries.inc({ platform, kind, result: final ? 'dead' : 'retry' }),
  });
  // One set of checks for /mailtest, the daily checklist and the complaint investigation (issue 6). At close,
  // probes still waiting for mail end as "could not test" rather than hold the stop for their deadline.
  const stopping = new AbortController();
  const checks = createDomainChecks({
    stopping: stopping.signal,
    db,
    mailtest: config.mailtest,
    delivery: config.delivery,
    logger,
    clock,
    ...(options.checkPorts?.dns ? { dns: options.checkPorts.dns } : {}),
    ...(options.checkPorts?.ports ? { ports: options.checkPorts.ports } : {}),
  });
  // SOP 4.2 step 3 done by the bot: check runs queued by decisions, worked by any replica (src/investigation).
  let investigation: ReturnType<typeof createInvestigationWorker> | null = null;
  const slaDueAt: SlaDueAt = (kind, state, enteredAt) =>
    dueAt(kind, state as never, enteredAt, config.sla, config.calendar);
  const tickets = createTicketService({
    ...target,
    db,
    clock,
    slaDueAt,
    onCommitted: () => {
      dispatcher.wake();
      playground?.ticketsChanged();
    },
    onResult: (action, outcome) => metrics.decisions.inc({ action, outcome }),
    onDecided: (decided) => {
      if (decided.decision.checks?.length) investigation?.wake();
    },
  });
  investigation = createInvestigationWorker({
    db,
    tickets,
    checks,
    clock,
    logger,
    locale: config.runtime.defaultLocale,
  });
  const mailtest = createMailtestService({
    db,
    settings: config.mailtest,
    logger,
    clock,
    delivery: config.delivery,
    checks,
  });
  // Clicks, forms and turns under way, which a stop lets finish (src/platform/inflight.ts).
  const inflight = createInflight();
  // What every chat adapter works with: the procedures, who is who, where tickets are read, and /mailtest.
  const adapterDeps = {
    tickets,
    directory,
    db,
    logger,
    clock,
    endorsementRequired: config.endorsement.required,
    mailtest,
  };
  let slack: Awaited<ReturnType<typeof createSlackAdapter>> | null = null;
  try {
    slack = config.platforms.slack
      ? await createSlackAdapter(config.platforms.slack, adapterDeps, inflight)
      : null;
  } catch (error) {
    await closeAndThrow(error);
  }
  if (slack) platforms.set(slack.platform.name, slack.platform);
  const teams = teamsOn
    ? createTeamsAdapter(config.platforms.teams, adapterDeps, playground?.trustedChannel)
    : null;
  if (teams) platforms.set(teams.platform.name, teams.platform);
  // A /mailtest card whose process died (this one before a crash, or another replica) ends saying so.
  const abandonedRuns = createAbandonedRunSweeper({
    db,
    platforms,
    clock,
    logger,
    onInterrupted: () => metrics.mailtestRunsInterrupted.inc(),
  });
  const scheduler = createScheduler({
    db,
    owner: config.runtime.instanceId,
    logger,
    clock,
    tasks: [
      {
        name: 'escalate-overdue',
        expression: config.scheduler.escalationCron,
        run: async () => {
          const result = await escalateOverdue({
            ...target,
            db,
            clock,
            policy: config.sla,
            calendar: config.calendar,
          });
          if (result.reminded + result.escalated > 0) dispatcher.wake();
          return result;
        },
      },
      // What is past its retention (src/db/prune.ts); a stop or a takeover ends it between batches.
      {
        name: 'prune',
        expression: config.retention.cron,
        run: async (_fireAt, { signal }) => {
          const stop = AbortSignal.any([signal, stopping.signal]);
          const done = await cleanUp(db, database.kind, config.retention, clock.now(), { signal: stop });
          if (Object.values(done.deleted).some((n) => n > 0))
            logger.info('records past their retention deleted', { ...done.deleted });
          if (done.reclaimed) logger.info('embedded database vacuumed', { ...done.reclaimed });
          return { ...done.deleted, ...(done.reclaimed ? { vacuumed: done.reclaimed.tables } : {}) };
        },
      },
      // Circular 4(c) and 4(h): the daily e-mail checklist, one task per schedule of the monitored domains.
      ...checklistTasks(
        {
          db,
          checks,
          tickets,
          target,
          clock,
          logger,
          settings: config.delivery,
          onQueued: () => dispatcher.wake(),
          stopping: stopping.signal,
        },
        { catchUpMs: config.scheduler.catchUpMinutes * 60_000 },
      ),
    ],
    onRun: (task, status) => metrics.schedulerRuns.inc({ task, status }),
  });

  const routes = [
    ...healthRoutes(db, metrics, { version: options.version, database: database.kind }),
    ...(slack?.routes ?? []),
    ...(teams?.routes ?? []),
    ...(playground?.routes ?? []),
    ...(options.routes ?? []),
  ];
  await realignDeadlines({ ...target, db, clock, slaDueAt }).catch(closeAndThrow);
  await realignCardKinds({ ...target, db, clock, directory }).catch(closeAndThrow);
  const server = await listen(
    createHttpServer(routes, logger, inflight),
    config.server.port,
    config.server.host,
  ).catch(closeAndThrow);
  try {
    // Before the outbox runs: the bot needs the playground's conversations to post anything.
    await playground?.start(server.port, config.runtime.defaultLocale);
  } catch (error) {
    await server.close();
    await closeAndThrow(error);
  }
  await slack?.start();
  dispatcher.start();
  investigation.start();
  abandonedRuns.start();
  if (config.scheduler.enabled) await scheduler.start();
  logger.info('mailops is ready', {
    url: `http://${config.server.host}:${server.port}`,
    database: database.kind,
    platforms: target.platforms,
    slack: slack?.mode ?? 'off',
    playground: playground !== null,
  });

  return {
    port: server.port,
    playground: playground !== null,
    db,
    database,
    tickets,
    dispatcher,
    scheduler,
    mailtest,
    abandonedRuns,
    investigation,
    directory,
    metrics,
    async close() {
      // Nothing new starts from here: no cron fire, no claim of complaint checks. The worker is told first,
      // so its checks cut short by `stopping` are handed back (due at once for another replica or the next
      // start) rather than stored with their probes untested.
      const schedulerStopped = scheduler.stop();
      const investigationStopped = investigation?.stop();
      stopping.abort();
      // A person's click or form under way is decided, and answered over the connection it came by (Socket
      // Mode's among them), before the dispatcher and the database stop.
      slack?.pause();
      await server.close(async () => {
        const unfinished = await inflight.idle(INFLIGHT_GRACE_MS);
        if (unfinished > 0) logger.warn('stopped with chat actions still running', { unfinished });
      });
      await slack?.stop();
      // A checklist fire under way hands itself back (daily-checklist.ts) before the database closes: the next
      // start, or another replica, runs it whole rather than SOC reading a summary of probes cut short.
      await schedulerStopped;
      // A /mailtest run in flight ends at once (`stopping`: what still waited is could not test); its result
      // is stored before the database closes.
      await mailtest.idle();
      await abandonedRuns.stop();
      await investigationStopped;
      await dispatcher.stop();
      // A database handed in (tests, embedding) belongs to whoever opened it.
      if (!options.database) await database.close();
    },
  };
}
