import { describe, expect, it } from 'vitest';
import { changeRequestCommand } from '../../commands/changerequest.ts';
import { mailComplaintCommand } from '../../commands/mailcomplaint.ts';
import { commandForm } from '../../src/platform/form-prefill.ts';

// What the text typed after a command becomes in its form. A UX review typed a 3,545-character description
// and found the form holding 3,000 of it with no word said: the cut is kept, and now it is told.

const typed = 'Tambah rakan.com.my ke senarai putih anti-spam. '.repeat(74);

describe('the text typed after /changerequest', () => {
  it('is kept up to the field’s 3000 characters, and the requester is told in Malay', () => {
    expect(typed.length).toBeGreaterThan(3500);
    const form = commandForm(changeRequestCommand, typed, undefined, 'ms');
    expect(form.values.description).toBe(typed.trim().slice(0, 3000));
    expect(form.notices).toEqual({
      description:
        'Keterangan perubahan: teks yang anda taip dipendekkan kepada 3000 aksara, iaitu had medan ini. Semak hujungnya sebelum menghantar borang.',
    });
  });

  it('is told in English to a person who reads English', () => {
    const form = commandForm(changeRequestCommand, typed, undefined, 'en');
    expect(form.notices.description).toBe(
      "Change description: the text you typed was shortened to 3000 characters, this field's limit. Check its end before you send the form.",
    );
  });

  it('says nothing when the text fits, and never splits an emoji at the limit', () => {
    expect(commandForm(changeRequestCommand, 'x'.repeat(3000), undefined, 'ms').notices).toEqual({});
    const emoji = `${'x'.repeat(2999)}📧 lagi`;
    expect(commandForm(changeRequestCommand, emoji, undefined, 'ms').values.description).toBe(
      'x'.repeat(2999),
    );
  });

  it('keeps the requester’s own details beside it', () => {
    const person = {
      id: 'aminah',
      name: 'Aminah',
      locale: 'ms',
      roles: ['requester'],
      identities: {},
    } as const;
    expect(commandForm(changeRequestCommand, 'Tambah', person, 'ms').values).toMatchObject({
      'requester.name': 'Aminah',
      description: 'Tambah',
    });
    expect(commandForm(mailComplaintCommand, 'agensi.gov.my', person, 'ms')).toEqual({
      values: { domain: 'agensi.gov.my' },
      notices: {},
    });
  });
});
