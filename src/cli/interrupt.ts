// How a long command hears Ctrl-C or SIGTERM without losing the system's way out of a stop that hangs.

/** What `onFirstInterrupt` listens on: the process, or a test's stand-in. */
interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * How long after the first signal another one is the same request delivered twice. `npm start` passes on the
 * SIGINT or SIGTERM it gets to mailops, its child; when the signal went to the whole process group (Ctrl-C in
 * a terminal, systemd's default KillMode=control-group) mailops had it already, a few milliseconds earlier.
 */
export const ECHO_MS = 1000;

/**
 * Tells `listener` of the first Ctrl-C (SIGINT) or SIGTERM. A signal within `echoMs` of it is its echo and
 * changes nothing; after that both are let go, so the next one gets the system's default and ends the process
 * at once: the way out when stopping itself hangs. Returns how to let go sooner (the command finished first).
 */
export function onFirstInterrupt(
  listener: () => void,
  signals: SignalSource = process,
  echoMs = ECHO_MS,
): () => void {
  let heard = false;
  const stop = () => {
    signals.off('SIGINT', once);
    signals.off('SIGTERM', once);
  };
  const once = () => {
    if (heard) return;
    heard = true;
    setTimeout(stop, echoMs).unref();
    listener();
  };
  signals.on('SIGINT', once);
  signals.on('SIGTERM', once);
  return stop;
}
