import { describe, expect, it } from 'vitest';
import { probe } from '../../../src/i18n/catalog/probe.ts';
import { CATALOG_MODULES, catalogProblems } from '../../../src/i18n/index.ts';
import { BOUNCE_CATEGORIES } from '../../../src/mail/probe/bounce-category.ts';
import { STATUS_CLASSES, STATUS_WITH_TEXT } from '../../../src/mail/probe/status-code.ts';
import type { AutoReplySignal, DsnAction, ProbeMatch, ProbeOutcome } from '../../../src/mail/probe/types.ts';

// The probe catalog names what the classifier finds; the delivery findings show its texts (`{meaning}`), so it
// is registered in src/i18n/index.ts and held to the catalogs' rules there, besides these.

const keys = (prefix: string) => Object.keys(probe.ms).filter((k) => k.startsWith(prefix));

describe('the probe catalog', () => {
  it('is registered, with both languages for every key, no empty text, and no key another module defines', () => {
    expect(CATALOG_MODULES.find((m) => m.name === 'probe')?.catalog).toBe(probe);
    expect(catalogProblems([{ name: 'probe', catalog: probe }])).toEqual([]);
    expect(catalogProblems(CATALOG_MODULES)).toEqual([]);
  });

  it('has a text for exactly the status codes, classes and categories the classifier produces', () => {
    expect(keys('probe.status.').sort()).toEqual(STATUS_WITH_TEXT.map((c) => `probe.status.${c}`).sort());
    expect(keys('probe.status_class.').sort()).toEqual(
      STATUS_CLASSES.map((c) => `probe.status_class.${c}`).sort(),
    );
    expect(keys('probe.category.').sort()).toEqual(
      BOUNCE_CATEGORIES.map((c) => `probe.category.${c}`).sort(),
    );
  });

  it('has a text for every outcome kind, match, signal, action and hop state', () => {
    const kinds: ProbeOutcome['kind'][] = ['delivered', 'auto_reply', 'reply', 'bounce', 'unrelated'];
    const matches: ProbeMatch[] = ['header', 'message_id', 'in_reply_to', 'references', 'subject', 'mention'];
    const signals: AutoReplySignal[] = [
      'auto_submitted',
      'precedence',
      'x_autoreply',
      'x_autorespond',
      'ms_inbox_rules_loop',
      'ms_auto_response_suppress',
      'null_return_path',
      'subject_prefix',
    ];
    const actions: DsnAction[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];
    const expected = [
      ...kinds.map((k) => `probe.kind.${k}`),
      ...matches.map((m) => `probe.matched_by.${m}`),
      ...signals.map((s) => `probe.signal.${s}`),
      ...actions.map((a) => `probe.action.${a}`),
      ...['encrypted', 'not_encrypted', 'unknown', 'local'].map((h) => `probe.hop.${h}`),
      'probe.confidence.high',
      'probe.confidence.low',
    ];
    for (const key of expected) expect(probe.ms, key).toHaveProperty([key]);
  });
});
