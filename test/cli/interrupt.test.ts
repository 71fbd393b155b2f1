import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ECHO_MS, onFirstInterrupt } from '../../src/cli/interrupt.ts';

// The first Ctrl-C (or SIGTERM) is mailops' to handle; one that follows at once is the same stop delivered
// twice (npm passing on a signal the process group already got); a later one must be the system's, so that a
// stop which hangs can still be ended from the keyboard. An EventEmitter stands in for the process: with no
// listener left for a signal, node restores its default action, which ends the process.

describe('onFirstInterrupt', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells the listener of the first signal only, and after a moment lets go of both, so the next ends the process', () => {
    for (const first of ['SIGINT', 'SIGTERM'] as const) {
      const signals = new EventEmitter();
      let heard = 0;
      onFirstInterrupt(() => heard++, signals);
      expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([1, 1]);
      signals.emit(first);
      expect(heard).toBe(1);
      vi.advanceTimersByTime(ECHO_MS);
      expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([0, 0]);
      signals.emit('SIGINT');
      expect(heard).toBe(1);
    }
  });

  it('takes a signal right after the first for its echo: the stop goes on, the process is not ended', () => {
    const signals = new EventEmitter();
    let heard = 0;
    onFirstInterrupt(() => heard++, signals);
    signals.emit('SIGTERM');
    vi.advanceTimersByTime(5);
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(heard).toBe(1);
    // Still listening, so neither echo got the system's default.
    expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([1, 1]);
  });

  it('lets go without a signal once the command is over', () => {
    const signals = new EventEmitter();
    let heard = 0;
    const letGo = onFirstInterrupt(() => heard++, signals);
    letGo();
    signals.emit('SIGINT');
    expect(heard).toBe(0);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });
});
