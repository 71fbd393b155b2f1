import { type Logger, LogLevel } from '@slack/bolt';

// A Bolt / @slack/web-api / Socket Mode logger that keeps what the SDKs say, so tests can assert on it,
// instead of printing the errors that misbehaving fakes provoke on purpose.
export function createQuietLogger() {
  const lines: Array<{ level: LogLevel; text: string }> = [];
  let level = LogLevel.DEBUG;
  const log =
    (at: LogLevel) =>
    (...msg: unknown[]) =>
      void lines.push({ level: at, text: msg.map(String).join(' ') });
  const logger: Logger = {
    debug: log(LogLevel.DEBUG),
    info: log(LogLevel.INFO),
    warn: log(LogLevel.WARN),
    error: log(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
  return { logger, lines };
}
