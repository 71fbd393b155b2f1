import { describe, expect, it } from 'vitest';
import { formatTicketNumber, malaysiaYear } from '../../src/tickets/numbering.ts';

// Ticket numbers as people read them on cards and in the CLI: CR-YYYY-NNNNNN and AD-YYYY-NNNNNN, with the
// year of the Malaysian calendar (UTC+8, no daylight saving).

describe('formatTicketNumber', () => {
  it('numbers change requests CR- and complaints AD-, with the sequence padded to six digits', () => {
    expect(formatTicketNumber('change_request', 2026, 1)).toBe('CR-2026-000001');
    expect(formatTicketNumber('complaint', 2026, 42)).toBe('AD-2026-000042');
    expect(formatTicketNumber('change_request', 2027, 123_456)).toBe('CR-2027-123456');
  });

  it('does not truncate a sequence beyond six digits', () => {
    expect(formatTicketNumber('complaint', 2026, 1_234_567)).toBe('AD-2026-1234567');
  });
});

describe('malaysiaYear', () => {
  it('puts a ticket opened at 00:30 MYT on 1 January in the new year', () => {
    // 2025-12-31T16:30Z is 2026-01-01 00:30 in Kuala Lumpur.
    expect(malaysiaYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
  });

  it('keeps a ticket opened at 23:59 MYT on 31 December in the old year', () => {
    expect(malaysiaYear(new Date('2025-12-31T15:59:59.999Z'))).toBe(2025);
  });

  it('changes year exactly at midnight in Malaysia', () => {
    expect(malaysiaYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });

  it('agrees with the UTC year for the rest of the year', () => {
    expect(malaysiaYear(new Date('2026-06-15T12:00:00Z'))).toBe(2026);
  });
});
