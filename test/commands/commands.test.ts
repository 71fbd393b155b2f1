import { describe, expect, it } from 'vitest';
import { CHAT_COMMANDS } from '../../commands/index.ts';

// What the text after a chat command fills in, and who may use each command.

const command = (name: string) => {
  const found = CHAT_COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
};

describe('chat commands', () => {
  it('offers /changerequest and /mailcomplaint to requesters, each opening its own form', () => {
    expect(CHAT_COMMANDS.map((c) => [c.name, c.role, c.form])).toEqual([
      ['/changerequest', 'requester', 'change_request'],
      ['/mailcomplaint', 'requester', 'complaint'],
    ]);
  });

  it('takes the text after /changerequest as the change description', () => {
    expect(command('/changerequest').prefill('  Tambah rakan.edu.my ke senarai putih  ')).toEqual({
      description: 'Tambah rakan.edu.my ke senarai putih',
    });
    expect(command('/changerequest').prefill('   ')).toEqual({});
  });

  it('takes a domain after /mailcomplaint, lower-cased, and the words after it as the description', () => {
    expect(command('/mailcomplaint').prefill('Agensi.GOV.my tidak terima e-mel')).toEqual({
      domain: 'agensi.gov.my',
      description: 'tidak terima e-mel',
    });
    expect(command('/mailcomplaint').prefill(' agensi.gov.my ')).toEqual({ domain: 'agensi.gov.my' });
    // No domain first: every word is the requester's account, kept with its line breaks.
    expect(command('/mailcomplaint').prefill('tidak dapat hantar\nsejak pagi')).toEqual({
      description: 'tidak dapat hantar\nsejak pagi',
    });
    expect(command('/mailcomplaint').prefill('')).toEqual({});
  });
});
