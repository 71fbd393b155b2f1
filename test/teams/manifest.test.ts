import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The Teams app package (teams/app: manifest.json with its two icons, zipped by the admin): what Teams
// requires of it (learn.microsoft.com/microsoftteams/platform/resources/schema/manifest-schema) and what
// mailops needs declared: the bot in every scope, and its command list.

const dir = new URL('../../teams/app/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  name: { short: string; full: string };
  description: { short: string; full: string };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
};

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(file: string) {
  const bytes = readFileSync(new URL(file, dir));
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] };
}

describe('Teams app package', () => {
  it('declares the bot in personal, team and group chat scopes with its commands, the ticket list in personal chats', () => {
    const [bot] = manifest.bots;
    expect(manifest.bots).toHaveLength(1);
    expect(bot!.botId).toBe(manifest.id);
    expect(bot!.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const inScope = (scope: string) =>
      bot!.commandLists
        .filter((l) => l.scopes.includes(scope))
        .flatMap((l) => l.commands.map((c) => c.title));
    expect(inScope('personal')).toEqual(['tiket', 'changerequest', 'mailcomplaint', 'mailtest']);
    for (const shared of ['team', 'groupChat'])
      expect(inScope(shared)).toEqual(['changerequest', 'mailcomplaint', 'mailtest']);
    // Teams' limits: 10 commands per list, a title of 32 characters, a description of 128.
    for (const list of bot!.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  it('keeps names and descriptions within Teams limits and ids as GUIDs', () => {
    expect(manifest.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  });

  it('ships a 192×192 colour icon and a 32×32 transparent outline icon', () => {
    expect(pngHeader(manifest.icons.color)).toMatchObject({ width: 192, height: 192 });
    // Colour type 6 is RGBA: the outline must be white on a transparent background.
    expect(pngHeader(manifest.icons.outline)).toEqual({ width: 32, height: 32, colourType: 6 });
  });
});
