// How a long command hears Ctrl-C or SIGTERM without losing the system's way out of a stop that hangs.

/** What `onFirstInterrupt` listens on: the process, or a test's stand-in. */
interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * Tells `listener` of the first Ctrl-C (SIGINT) or SIGTERM, then lets go of both, so that a second one gets the
 * system's default and ends the process at once: the way out when stopping itself hangs. Returns how to let go
 * sooner (the command finished first).
 */
export function onFirstInterrupt(listener: () => void, signals: SignalSource = process): () => void {
  const stop = () => {
    signals.off('SIGINT', once);
    signals.off('SIGTERM', once);
  };
  const once = () => {
    stop();
    listener();
  };
  signals.on('SIGINT', once);
  signals.on('SIGTERM', once);
  return stop;
}
