import { readFileSync } from 'node:fs';
import { servesPlayground, startApp } from '../app.ts';
import { createLogger } from '../log.ts';
import type { CliCommand } from './commands.ts';
import { configOrThrow } from './context.ts';
import { onFirstInterrupt } from './interrupt.ts';

// `mailops serve` (what `npm start` runs): migrate, then serve until SIGINT or SIGTERM, then shut down
// in order (stop the scheduler, stop taking requests, let the dispatcher finish its batch, close the DB).

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: { key: 'cli.summary.serve' },
  async run(_args, io) {
    // In production, a configuration without chat credentials (no playground) or with the demo file is refused.
    const { config, warnings, text } = configOrThrow(io, { serving: true });
    const logger = createLogger({ level: config.runtime.logLevel });
    // Heard from before anything starts, so no moment is left where SIGTERM gets the system's default: systemd
    // stopping a slow start while migrations run, or a supervisor that stops the process as soon as it reads
    // "listening", gets an orderly stop once the start is done, not an end with the data folder half written.
    // A later signal still ends the process at once (onFirstInterrupt).
    const stopRequested = Promise.withResolvers<void>();
    const letGo = (io.onInterrupt ?? onFirstInterrupt)(() => {
      logger.info('shutting down');
      stopRequested.resolve();
    });
    for (const warning of warnings) logger.warn(warning);
    const app = await startApp({
      config,
      logger,
      version: VERSION,
      playground: servesPlayground(config),
    }).catch((error: unknown) => {
      letGo();
      throw error;
    });
    const url = `http://${config.server.host}:${app.port}`;
    io.out(text.t('cli.serve.listening', { version: VERSION, url, database: app.database.kind }));
    if (app.playground) io.out(text.t('cli.serve.playground', { url }));
    await stopRequested.promise;
    await app.close();
    return 0;
  },
};
