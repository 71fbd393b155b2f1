import { describe, expect, it } from 'vitest';
import { parseReceived, parseReceivedHeaders } from '../../../src/mail/probe/received.ts';
import { fixture } from './fixtures.ts';

const at = (iso: string) => new Date(iso);

describe('Received fields of Postfix and Dovecot (the test world)', () => {
  it('lists the hops top to bottom with protocol, TLS and time', () => {
    expect(parseReceivedHeaders(fixture('probe-delivered.eml'))).toEqual([
      {
        from: 'mx.external.test',
        fromAddress: null,
        by: 'mx.external.test',
        with: 'LMTP',
        tlsVersion: null,
        tlsCipher: null,
        encrypted: false,
        local: true,
        at: at('2025-01-14T02:00:01Z'),
      },
      {
        from: 'mx.agency.test',
        fromAddress: '127.0.0.2',
        by: 'mx.external.test',
        with: 'ESMTPS',
        tlsVersion: 'TLSv1.3',
        tlsCipher: 'TLS_AES_256_GCM_SHA384',
        encrypted: true,
        local: false,
        at: at('2025-01-14T02:00:00Z'),
      },
      {
        from: '[127.0.0.1]',
        fromAddress: '127.0.0.1',
        by: 'mx.agency.test',
        with: 'ESMTPSA',
        tlsVersion: null,
        tlsCipher: null,
        encrypted: true,
        local: true,
        at: at('2025-01-14T02:00:00Z'),
      },
    ]);
  });

  it('takes plain ESMTP without a TLS comment as unencrypted (RFC 3848)', () => {
    const hop = parseReceived(
      'from mail.example.net (mail.example.net [192.0.2.25]) by mx.agency.test (Postfix) with ESMTP id 4YXc0b2Hq1z9sWR for <probe@agency.test>; Tue, 14 Jan 2025 10:00:02 +0800 (+08)',
    );
    expect(hop).toMatchObject({ with: 'ESMTP', encrypted: false, fromAddress: '192.0.2.25', local: false });
  });

  it('trusts a stated TLS version over the keyword', () => {
    const hop = parseReceived(
      'from a.test (a.test [192.0.2.1]) (using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)) by b.test (Postfix) with ESMTP id X; Tue, 14 Jan 2025 10:00:02 +0800',
    );
    expect(hop).toMatchObject({
      encrypted: true,
      tlsVersion: 'TLSv1.2',
      tlsCipher: 'ECDHE-RSA-AES256-GCM-SHA384',
    });
  });
});

describe('Received fields of Exchange Online', () => {
  it('reads version= and cipher= of Microsoft SMTP Server, folded across lines', () => {
    const [hop] = parseReceivedHeaders(
      [
        'Received: from mx.agency.example (203.0.113.5) by',
        ' BN1PEPF00004680.mail.protection.outlook.com (10.167.243.85) with Microsoft SMTP',
        ' Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8335.10 via',
        ' Frontend Transport; Tue, 14 Jan 2025 02:00:00 +0000',
        '',
      ].join('\r\n'),
    );
    expect(hop).toEqual({
      from: 'mx.agency.example',
      fromAddress: '203.0.113.5',
      by: 'BN1PEPF00004680.mail.protection.outlook.com',
      with: 'Microsoft SMTP Server',
      tlsVersion: 'TLSv1.3',
      tlsCipher: 'TLS_AES_256_GCM_SHA384',
      encrypted: true,
      local: false,
      at: at('2025-01-14T02:00:00Z'),
    });
  });

  it('takes Microsoft SMTP Server without a TLS version as unencrypted, HTTPS as encrypted, mapi as unknown', () => {
    const plain = parseReceived(
      'from BN9PR03CA0123.namprd03.prod.outlook.com (2603:10b6:408:fe::8) by MA0PR01MB1234.INDPRD01.PROD.OUTLOOK.COM (2603:1096:a01:9::12) with Microsoft SMTP Server id 15.20.8335.17; Tue, 14 Jan 2025 02:00:00 +0000',
    );
    expect(plain).toMatchObject({ encrypted: false, fromAddress: '2603:10b6:408:fe::8' });
    const [https] = parseReceivedHeaders(fixture('exchange-online-5.1.10.eml'));
    const mapi = parseReceived(
      'from MA0PR01MB1234.INDPRD01.PROD.OUTLOOK.COM ([fe80::4c1d:2e3f:a5b6:c7d8]) by MA0PR01MB1234.INDPRD01.PROD.OUTLOOK.COM ([fe80::4c1d:2e3f:a5b6:c7d8%5]) with mapi id 15.20.8335.017; Tue, 14 Jan 2025 02:00:00 +0000',
    );
    expect(https).toMatchObject({ with: 'HTTPS', encrypted: true, at: at('2025-01-14T02:00:03Z') });
    expect(mapi).toMatchObject({ with: 'mapi', encrypted: null, fromAddress: 'fe80::4c1d:2e3f:a5b6:c7d8' });
  });
});

describe('Received fields of Gmail', () => {
  const hops = parseReceivedHeaders(
    [
      'Received: by 2002:a05:6402:2116:b0:5d9:8a5c:1f2e with SMTP id n22csp1234567eda;',
      '        Tue, 14 Jan 2025 02:00:02 -0800 (PST)',
      'Received: from mx.agency.example (mx.agency.example. [203.0.113.5])',
      '        by mx.google.com with ESMTPS id 5b1f17b1804b1-436e2a1b2c3si1234567f9.123.2025.01.14.02.00.01',
      '        for <someone@gmail.com>',
      '        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);',
      '        Tue, 14 Jan 2025 02:00:01 -0800 (PST)',
      'Received: from mail-sor-f69.google.com (mail-sor-f69.google.com. [209.85.220.69])',
      '        by mx.google.com with SMTPS id a640c23a62f3a-ab2c7f3e1d5sor1234567866b.1',
      '        for <probe@agency.example>',
      '        (Google Transport Security);',
      '        Tue, 14 Jan 2025 02:00:02 -0800 (PST)',
      '',
      'body',
    ].join('\n'),
  );

  it('reads Google’s internal SMTP hop as unencrypted by its keyword, with a PST date', () => {
    expect(hops[0]).toMatchObject({ from: null, by: '2002:a05:6402:2116:b0:5d9:8a5c:1f2e', with: 'SMTP' });
    expect(hops[0]!.encrypted).toBe(false);
    expect(hops[0]!.at).toEqual(at('2025-01-14T10:00:02Z'));
  });

  it('reads version=TLS1_3 after the for clause, and SMTPS as TLS', () => {
    expect(hops[1]).toMatchObject({
      from: 'mx.agency.example',
      fromAddress: '203.0.113.5',
      tlsVersion: 'TLSv1.3',
    });
    expect(hops[2]).toMatchObject({ with: 'SMTPS', encrypted: true, tlsVersion: null });
  });
});

describe('other Received forms', () => {
  it('reads Exim’s (TLS1.3) comment and the RFC 8314 tls clause', () => {
    const hop = parseReceived(
      'from mail.example.org ([198.51.100.7]) by mx.example.net with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <a@example.org>) id 1tXyZ-000123-AB for b@example.net; Tue, 14 Jan 2025 02:00:00 +0000',
    );
    expect(hop).toMatchObject({
      with: 'esmtps',
      tlsVersion: 'TLSv1.3',
      tlsCipher: 'TLS_AES_256_GCM_SHA384',
      encrypted: true,
      fromAddress: '198.51.100.7',
    });
  });

  it('says nothing it cannot read: qmail’s comment-only field, a missing or broken date', () => {
    expect(parseReceived('(qmail 12343 invoked from network); 14 Jan 2025 02:00:02 -0000')).toEqual({
      from: null,
      fromAddress: null,
      by: null,
      with: null,
      tlsVersion: null,
      tlsCipher: null,
      encrypted: null,
      local: false,
      at: at('2025-01-14T02:00:02Z'),
    });
    expect(parseReceived('from a by b with ESMTP').at).toBeNull();
    expect(parseReceived('from a by b with ESMTP; 31 Feb 2025 10:00:00 +0000').at).toBeNull();
    expect(parseReceived('from a by b with ESMTP; Tue, 14 Jan 2025 10:00:00').at).toBeNull();
    expect(parseReceived('((((( ;;; ')).toMatchObject({ from: null, at: null });
  });

  it('reads only the top header section, not a Received field quoted in the body', () => {
    expect(parseReceivedHeaders(fixture('postfix-5.1.1.eml'))).toHaveLength(2);
  });
});

describe('Received fields of older servers, whose TLS must still be read', () => {
  it("reads sendmail 8.15's version=TLSv1 (OpenSSL SSL_get_version) as TLS 1.0", () => {
    const [hop] = parseReceivedHeaders(fixture('sendmail-tlsv1-copy.eml'));
    expect(hop).toMatchObject({
      by: 'mx.rakan.example',
      tlsVersion: 'TLSv1',
      tlsCipher: 'ECDHE-RSA-AES256-SHA',
      encrypted: true,
    });
  });

  it("reads Google's version=TLS1 as TLS 1.0", () => {
    const hop = parseReceived(
      'from mail.agensi.gov.my (mail.agensi.gov.my. [203.0.113.25]) by mx.google.com with ESMTPS id d9443c01a7336-2e3 for <m@gmail.com> (version=TLS1 cipher=ECDHE-RSA-AES128-SHA bits=128/128); Sat, 28 Nov 2026 00:31:02 -0800 (PST)',
    );
    expect(hop).toMatchObject({ tlsVersion: 'TLSv1', encrypted: true });
  });

  it("does not take sendmail 8.14's version=TLSv1/SSLv3, the cipher's first protocol, for the session's", () => {
    const hop = parseReceived(
      'from mail.agensi.gov.my (mail.agensi.gov.my [203.0.113.25]) by mx.rakan.example (8.14.4/8.14.4) with ESMTP id 4ASGV1qK012345 (version=TLSv1/SSLv3 cipher=DHE-RSA-AES256-SHA bits=256 verify=NOT) for <pegawai@rakan.example>; Sat, 28 Nov 2026 16:31:01 +0800',
    );
    expect(hop).toMatchObject({ tlsVersion: null, tlsCipher: 'DHE-RSA-AES256-SHA', encrypted: true });
  });

  it("reads Exim's version:cipher:bits comment from before 4.93, with OpenSSL and with GnuTLS", () => {
    const [openssl] = parseReceivedHeaders(fixture('exim-4.89-tlsv1-copy.eml'));
    const gnutls = parseReceived(
      'from mail.agensi.gov.my ([203.0.113.25]) by mx.rakan.example with esmtps (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256) (Exim 4.89) (envelope-from <ujian.mel@agensi.gov.my>) id 1kXyZ9-0003aC-De for pegawai@rakan.example; Sat, 28 Nov 2026 16:31:01 +0800',
    );
    expect(openssl).toMatchObject({ tlsVersion: 'TLSv1', tlsCipher: 'AES256-SHA', encrypted: true });
    expect(gnutls).toMatchObject({ tlsVersion: 'TLSv1.2', tlsCipher: 'ECDHE_RSA_AES_256_GCM_SHA384' });
  });

  it("reads Exchange 2010's `(TLS)` as encrypted without a version, on every hop that says it", () => {
    const hops = parseReceivedHeaders(fixture('exchange-2010-inbound.eml'));
    expect(hops.map((h) => [h.with, h.encrypted, h.tlsVersion])).toEqual([
      ['Microsoft SMTP Server', true, null],
      ['Microsoft SMTP Server', true, null],
      ['SMTP', false, null],
    ]);
  });
});
