import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/i18n/index.ts';
import { lateness } from '../../src/tickets/card-source.ts';

// How far Section B's plan starts after the moment Section A asked for, as the card says it.

const REQUESTED = new Date('2026-12-01T02:00:00Z');
const later = (minutes: number) => new Date(REQUESTED.getTime() + minutes * 60_000);
const said = (minutes: number) => {
  const late = lateness(REQUESTED, later(minutes));
  return late && renderMessage(late, 'en');
};

describe('lateness', () => {
  it.each([
    [1, 'starts 1 minute after the requested date & time'],
    [45, 'starts 45 minutes after the requested date & time'],
    [60, 'starts 1 hour after the requested date & time'],
    [61, 'starts 1 hour after the requested date & time'],
    [37 * 60, 'starts 37 hours after the requested date & time'],
    [49 * 60, 'starts 2 days after the requested date & time'],
    [24 * 60 * 7, 'starts 7 days after the requested date & time'],
  ])('of %i minutes reads "%s", to the nearest unit and in the singular for one', (minutes, text) => {
    expect(said(minutes)).toBe(text);
  });

  it('says nothing of a plan that starts on time or before', () => {
    expect(lateness(REQUESTED, later(0))).toBeNull();
    expect(lateness(REQUESTED, later(-90))).toBeNull();
  });

  it('reads the same in Malay, which counts without a plural', () => {
    expect(renderMessage(lateness(REQUESTED, later(60))!, 'ms')).toBe(
      'bermula 1 jam selepas tarikh & masa dipohon',
    );
  });
});
