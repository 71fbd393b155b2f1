import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onFirstInterrupt } from '../../src/cli/interrupt.ts';

// The first Ctrl-C (or SIGTERM) is mailops' to handle; the second must be the system's, so that a stop which
// hangs can still be ended from the keyboard. An EventEmitter stands in for the process: with no listener
// left for a signal, node restores its default action, which ends the process.

describe('onFirstInterrupt', () => {
  it('tells the listener of the first signal only and then lets go of both, so the second ends the process', () => {
    for (const first of ['SIGINT', 'SIGTERM'] as const) {
      const signals = new EventEmitter();
      let heard = 0;
      onFirstInterrupt(() => heard++, signals);
      expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([1, 1]);
      signals.emit(first);
      expect(heard).toBe(1);
      expect([signals.listenerCount('SIGINT'), signals.listenerCount('SIGTERM')]).toEqual([0, 0]);
      signals.emit('SIGINT');
      expect(heard).toBe(1);
    }
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
