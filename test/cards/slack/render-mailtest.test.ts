import { describe, expect, it } from 'vitest';
import type { MailtestView } from '../../../cards/mailtest-view.ts';
import { SLACK_LIMITS } from '../../../cards/slack/limits.ts';
import { blockKitProblems } from '../../../cards/slack/problems.ts';
import { renderSlackMailtest } from '../../../cards/slack/render-mailtest.ts';
import { finding, mailtestView } from '../mailtest-fixtures.ts';
import { en } from '../teams/fixtures.ts';

// The /mailtest report as a Block Kit message: within Slack's limits however long, what needs attention with
// how to fix it, passes in one line, requirements once finished, and untrusted text escaped.

const view = (over: Partial<MailtestView> = {}) =>
  mailtestView({
    status: 'Done: 1 passed · 1 failed.',
    sections: [
      {
        title: 'SMTP: mx1 (203.0.113.25)',
        findings: [finding('pass', 'STARTTLS'), finding('fail', 'Relay')],
      },
    ],
    ...over,
  });

describe('renderSlackMailtest', () => {
  it('shows failures with their fix, passes in one line and the requirements', () => {
    const message = renderSlackMailtest(view(), en);
    expect(blockKitProblems(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(':x: *FAIL* · Relay');
    expect(text).toContain('_How to fix:_ Fix Relay.');
    expect(text).toContain(':white_check_mark: Passed: STARTTLS');
    expect(text).toContain(':x: Circular 4(f)(vi): NOT met');
    expect(message.text).toBe('Mail test: agensi.gov.my: Done: 1 passed · 1 failed.');
  });

  it('escapes what a mail server said, so a banner cannot mention @channel or inject a link', () => {
    const message = renderSlackMailtest(
      view({
        sections: [{ title: 'SMTP', findings: [finding('warn', 'Banner', '220 <!channel> <http://x|y>')] }],
      }),
      en,
    );
    expect(JSON.stringify(message.blocks)).toContain('220 &lt;!channel&gt; &lt;http://x|y&gt;');
  });

  it('stays within Slack limits for a huge report', () => {
    const long = 'x'.repeat(3000);
    const sections = Array.from({ length: 60 }, (_, s) => ({
      title: `SMTP: mx${s}`,
      findings: Array.from({ length: 8 }, (_, i) => finding('fail', `Check ${i}`, long)),
    }));
    const message = renderSlackMailtest(view({ sections }), en);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(blockKitProblems(message)).toEqual([]);
    // What does not fit is counted, not silently dropped.
    expect(JSON.stringify(message.blocks)).toMatch(/Areas not shown: \d+/);
  });
});
