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

  it('takes a domain after /mailcomplaint, lower-cased, and leaves anything else for the form', () => {
    expect(command('/mailcomplaint').prefill('Agensi.GOV.my tidak terima e-mel')).toEqual({
      domain: 'agensi.gov.my',
    });
    expect(command('/mailcomplaint').prefill('tidak dapat hantar')).toEqual({});
    expect(command('/mailcomplaint').prefill('')).toEqual({});
  });
});
