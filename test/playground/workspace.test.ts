import { describe, expect, it } from 'vitest';
import { isChannelId, isConversationId } from '../../src/platform/playground/connector-protocol.ts';
import { playgroundWorkspace } from '../../src/platform/playground/workspace.ts';
import { load, MINIMAL_YAML } from '../config/fixture.ts';

// Every id the configuration accepts must make a chat and channels the playground's connector accepts: a
// person whose chat it refused never heard from the bot, though the page said their message was sent.

describe('the playground workspace', () => {
  it('gives every configured person and channel an id its connector accepts, dots and underscores included', () => {
    const yaml = MINIMAL_YAML.replace('id: aminah,', 'id: aminah.yusof,').replace(
      'id: rahman,',
      'id: rahman_ismail-2,',
    );
    const loaded = load(`${yaml}channels:\n  local: { approvals: kelulusan_mampu, soc: soc-vas }\n`);
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const workspace = playgroundWorkspace(loaded.config);
    expect(workspace.people.map((p) => p.chat)).toEqual(
      expect.arrayContaining(['a:playground-aminah.yusof', 'a:playground-rahman_ismail-2']),
    );
    for (const person of workspace.people) expect(isConversationId(person.chat)).toBe(true);
    expect(workspace.channels.length).toBeGreaterThan(0);
    for (const channel of workspace.channels) expect(isChannelId(channel.id)).toBe(true);
  });
});
