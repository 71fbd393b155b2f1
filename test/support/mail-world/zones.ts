// The DNS of the mail test world: one zone per domain under the `.test` TLD (RFC 2606), each set up right
// except for the one defect its name says, so a `/mailtest` test names the domain and expects that finding.
// Names here are absolute, lower case, without the trailing dot; zone files are made from these records, and
// the smoke test asks NSD for every one of them.

/** Loopback addresses of the world and what runs there (port 25 SMTP, 443 HTTPS). */
export const HOSTS = {
  /** The name server (NSD) and the silent name server, on ports chosen at start. */
  dns: '127.0.0.1',
  /** Real Postfix `mx1.good.test`: STARTTLS, SIZE 10485760, no relay, no VRFY. */
  hardened: '127.0.1.1',
  /** Real Postfix `mail.openrelay.test`: no STARTTLS, SIZE 52428800, open relay, VRFY on. */
  misconfigured: '127.0.1.2',
  /** Accepts TCP on port 25 and never sends a byte. */
  silent: '127.0.1.3',
  /** The MTA-STS policy host (HTTPS on 443) of every domain that has a policy. */
  mtaSts: '127.0.1.4',
  /** An MX address without PTR where nothing listens (connection refused). */
  noPtr: '127.0.1.5',
  /** Where the domains' own A records point (nothing listens). */
  web: '127.0.2.1',
} as const;

/** The parent zone: any other name under `.test` is NXDOMAIN (no delegations, so no referrals). */
export const TLD_ZONE = 'test';
/**
 * An empty zone `1.` so that looking up an address literal as a name (`127.0.1.1`, the MX of mx-ip.test) gets
 * NXDOMAIN, as from the real root; NSD answers REFUSED for any name outside the zones it serves.
 */
export const IP_LITERAL_ZONE = '1';
/** Everything right: MX with STARTTLS, SPF `-all`, DMARC reject (strict), DKIM 2048, MTA-STS, TLS-RPT, PTR. */
export const GOOD_DOMAIN = 'good.test';
/** The hardened Postfix's name (MX of good.test and of the domains that are fine apart from their DNS defect). */
export const GOOD_MX = 'mx1.good.test';
/** The name server's name in every zone's NS record. */
export const NAME_SERVER = 'ns1.good.test';
/** The 2048-bit DKIM selector of good.test (`sel2048._domainkey.good.test`). */
export const GOOD_DKIM_SELECTOR = 'sel2048';
/** The id in `_mta-sts.good.test`. */
export const GOOD_MTA_STS_ID = '20261127';
/** good.test's SPF record. */
export const GOOD_SPF = 'v=spf1 mx ip4:127.0.1.1 -all';
/** good.test's DMARC record: reject, strict alignment, reports to itself and to an authorised outside domain. */
export const GOOD_DMARC =
  'v=DMARC1; p=reject; sp=reject; rua=mailto:dmarc@good.test,mailto:dmarc@reports.test; adkim=s; aspf=s';
/** good.test's TLS-RPT record (`_smtp._tls.good.test`). */
export const GOOD_TLSRPT = 'v=TLSRPTv1; rua=mailto:tlsrpt@good.test';
/** Receives DMARC reports for good.test and authorises it: `good.test._report._dmarc.reports.test` (RFC 7489 §7.1). */
export const REPORTS_DOMAIN = 'reports.test';
/** DMARC `rua` to reports.test, which has no `_report._dmarc` record for it (unauthorised external destination). */
export const RUA_UNAUTHORISED_DOMAIN = 'rua-unauthorised.test';
/** SPF needing 13 DNS lookups through nested includes (limit 10, RFC 7208 §4.6.4). */
export const SPF_DEEP_DOMAIN = 'spf-deep.test';
/** The include whose own lookup is the 11th: the one that pushes spf-deep.test past 10. */
export const OVER_LIMIT_INCLUDE = 'c.spf-deep.test';
/** How many DNS-querying terms spf-deep.test's whole tree has (mx, include, a, mx, include, a, mx, …). */
export const SPF_DEEP_LOOKUPS = 13;
/** SPF with 3 void lookups (2 NXDOMAIN names, 1 name without MX); the limit is 2 (RFC 7208 §4.6.4). */
export const SPF_VOID_DOMAIN = 'spf-void.test';
/** The names spf-void.test's mechanisms point at that give no answer, in order. */
export const SPF_VOID_NAMES = ['gone1.spf-void.test', 'gone2.spf-void.test', 'nomx.spf-void.test'] as const;
/** Two `v=spf1` TXT records (permerror, RFC 7208 §4.5). */
export const TWO_SPF_DOMAIN = 'two-spf.test';
/** `v=spf1 +all`: anyone may send. */
export const PLUS_ALL_DOMAIN = 'plus-all.test';
/** SPF without `all` and without `redirect` (ends neutral). */
export const NO_ALL_DOMAIN = 'no-all.test';
/** SPF using the deprecated `ptr` mechanism (RFC 7208 §5.5). */
export const PTR_SPF_DOMAIN = 'ptr-spf.test';
/** No `_dmarc` record (the domain is its own organisational domain). */
export const NO_DMARC_DOMAIN = 'no-dmarc.test';
/** DMARC `p=none` (monitoring only). */
export const DMARC_NONE_DOMAIN = 'dmarc-none.test';
/** MX to a host name that does not exist (NXDOMAIN). */
export const MX_NXHOST_DOMAIN = 'mx-nxhost.test';
/** The MX host of mx-nxhost.test, which does not exist. */
export const MX_NXHOST = 'mx1.mx-nxhost.test';
/** MX to a name that is a CNAME (to mx1.good.test), which RFC 5321 §5.1 and RFC 2181 §10.3 forbid. */
export const MX_CNAME_DOMAIN = 'mx-cname.test';
/** The MX name of mx-cname.test, a CNAME to mx1.good.test. */
export const MX_CNAME = 'mx.mx-cname.test';
/** MX whose exchange is an address literal written as a name (`127.0.1.1.`), which RFC 5321 §5.1 forbids. */
export const MX_IP_DOMAIN = 'mx-ip.test';
/** Null MX `MX 0 .` (RFC 7505): the domain accepts no mail. */
export const NULL_MX_DOMAIN = 'null-mx.test';
/** MX host at 127.0.1.5, which has no PTR and where nothing listens. */
export const NO_PTR_DOMAIN = 'no-ptr.test';
/** The MX host of no-ptr.test. */
export const NO_PTR_MX = 'mx.no-ptr.test';
/** The misconfigured Postfix's domain: MX mail.openrelay.test (127.0.1.2), open relay, no STARTTLS. */
export const OPENRELAY_DOMAIN = 'openrelay.test';
/** The misconfigured Postfix's name. Its address's PTR says `other.test` (not forward-confirmed). */
export const OPENRELAY_MX = 'mail.openrelay.test';
/** Another domain on the misconfigured Postfix (MX mail.openrelay.test, PTR mismatch); SPF and DMARC fine. */
export const PTR_MISMATCH_DOMAIN = 'ptr-mismatch.test';
/** What the PTR of 127.0.1.2 says (a name that does not exist, so not forward-confirmed). */
export const PTR_MISMATCH_NAME = 'other.test';
/** An outside domain: RCPT to it is a relay attempt; the name does not exist. */
export const OUTSIDE_DOMAIN = 'other.test';
/** DKIM selector with a 1024-bit RSA key (warn) and one with a 512-bit key (fail). */
export const WEAK_DKIM_DOMAIN = 'weak-dkim.test';
export const WEAK_DKIM_SELECTOR_1024 = 'sel1024';
export const WEAK_DKIM_SELECTOR_512 = 'sel512';
/** MTA-STS policy whose `mx:` lines do not cover its MX (mx1.good.test). */
export const STS_MISSING_MX_DOMAIN = 'sts-missing-mx.test';
/** MTA-STS policy that does not parse: `mode: enforcing` is not enforce/testing/none, and it has no `mx:`. */
export const STS_BAD_DOMAIN = 'sts-bad.test';
/** MX to mx.silent.test at 127.0.1.3, which accepts TCP and never answers. */
export const SILENT_DOMAIN = 'silent.test';
/** The MX host of silent.test. */
export const SILENT_MX = 'mx.silent.test';
/** A zone NSD is told to serve but refuses to load (broken zone file): any question under it gets SERVFAIL. */
export const SERVFAIL_DOMAIN = 'servfail.test';
/** A DNSBL (RFC 5782): 127.0.1.2 and the test entry 127.0.0.2 are listed (A 127.0.0.2 and TXT), 127.0.1.1 is not. */
export const DNSBL_ZONE = 'dnsbl.test';
/** The reason TXT of a listed address. */
export const DNSBL_REASON = 'Listed in dnsbl.test: open relay, see https://dnsbl.test/lookup';
/** The reverse zone of 127.0.1.0/24 with the PTRs of the mail hosts. */
export const REVERSE_ZONE = '1.0.127.in-addr.arpa';
/** A domain that does not exist at all (NXDOMAIN from the `.test` zone). */
export const NXDOMAIN_DOMAIN = 'does-not-exist.test';

/** The MTA-STS policy host of a domain (RFC 8461 §3.3). */
export const mtaStsHost = (domain: string) => `mta-sts.${domain}`;

/** The MTA-STS policies served at `https://mta-sts.<domain>/.well-known/mta-sts.txt` (RFC 8461 §3.2). */
export const MTA_STS_POLICIES: Readonly<Record<string, string>> = {
  [mtaStsHost(GOOD_DOMAIN)]: policy(['version: STSv1', 'mode: enforce', `mx: ${GOOD_MX}`, 'max_age: 604800']),
  [mtaStsHost(STS_MISSING_MX_DOMAIN)]: policy([
    'version: STSv1',
    'mode: enforce',
    'mx: mail.sts-missing-mx.test',
    'max_age: 604800',
  ]),
  [mtaStsHost(STS_BAD_DOMAIN)]: policy(['version: STSv1', 'mode: enforcing', 'max_age: 604800']),
};

function policy(lines: string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}

export type PlantedRecord =
  | { readonly name: string; readonly ttl: number; readonly type: 'A'; readonly address: string }
  | {
      readonly name: string;
      readonly ttl: number;
      readonly type: 'MX';
      readonly priority: number;
      /** `''` for the null MX `.` */
      readonly exchange: string;
    }
  | { readonly name: string; readonly ttl: number; readonly type: 'TXT'; readonly text: string }
  | {
      readonly name: string;
      readonly ttl: number;
      readonly type: 'CNAME' | 'PTR' | 'NS';
      readonly target: string;
    };

export interface PlantedZone {
  readonly origin: string;
  readonly records: readonly PlantedRecord[];
}

/** The public halves of the DKIM keys made at setup: base64 SubjectPublicKeyInfo for the `p=` tag. */
export interface DkimPublicKeys {
  readonly good2048: string;
  readonly weak1024: string;
  readonly weak512: string;
}

const HOUR = 3600;
const DAY = 86_400;

const a = (name: string, address: string, ttl = HOUR): PlantedRecord => ({ name, ttl, type: 'A', address });
const mx = (name: string, priority: number, exchange: string, ttl = HOUR): PlantedRecord => ({
  name,
  ttl,
  type: 'MX',
  priority,
  exchange,
});
const txt = (name: string, text: string, ttl = HOUR): PlantedRecord => ({ name, ttl, type: 'TXT', text });
const cname = (name: string, target: string): PlantedRecord => ({ name, ttl: HOUR, type: 'CNAME', target });
const ptr = (name: string, target: string): PlantedRecord => ({ name, ttl: DAY, type: 'PTR', target });
const ns = (name: string): PlantedRecord => ({ name, ttl: DAY, type: 'NS', target: NAME_SERVER });

const spf = (domain: string, text = 'v=spf1 mx -all') => txt(domain, text);
const dmarc = (domain: string, text = `v=DMARC1; p=reject; rua=mailto:dmarc@${domain}`) =>
  txt(`_dmarc.${domain}`, text);
const dkim = (domain: string, selector: string, publicKey: string) =>
  txt(`${selector}._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${publicKey}`);

/** A domain that is fine apart from what `parts` replace or add: web A, MX mx1.good.test, SPF `mx -all`, DMARC reject. */
function domainZone(
  domain: string,
  parts: { mx?: PlantedRecord[]; spf?: PlantedRecord[]; dmarc?: PlantedRecord[]; extra?: PlantedRecord[] },
): PlantedZone {
  return {
    origin: domain,
    records: [
      ns(domain),
      a(domain, HOSTS.web),
      ...(parts.mx ?? [mx(domain, 10, GOOD_MX)]),
      ...(parts.spf ?? [spf(domain)]),
      ...(parts.dmarc ?? [dmarc(domain)]),
      ...(parts.extra ?? []),
    ],
  };
}

const stsTxt = (domain: string, id: string) => txt(`_mta-sts.${domain}`, `v=STSv1; id=${id}`, 300);

/** Every zone NSD loads, with the DKIM keys made at setup. */
export function plantedZones(keys: DkimPublicKeys): PlantedZone[] {
  const deep = (label: string) => `${label}.${SPF_DEEP_DOMAIN}`;
  return [
    { origin: TLD_ZONE, records: [ns(TLD_ZONE)] },
    { origin: IP_LITERAL_ZONE, records: [ns(IP_LITERAL_ZONE)] },
    domainZone(GOOD_DOMAIN, {
      spf: [spf(GOOD_DOMAIN, GOOD_SPF)],
      dmarc: [dmarc(GOOD_DOMAIN, GOOD_DMARC)],
      extra: [
        a(NAME_SERVER, HOSTS.dns),
        a(GOOD_MX, HOSTS.hardened),
        dkim(GOOD_DOMAIN, GOOD_DKIM_SELECTOR, keys.good2048),
        stsTxt(GOOD_DOMAIN, GOOD_MTA_STS_ID),
        a(mtaStsHost(GOOD_DOMAIN), HOSTS.mtaSts),
        txt(`_smtp._tls.${GOOD_DOMAIN}`, GOOD_TLSRPT),
      ],
    }),
    domainZone(REPORTS_DOMAIN, {
      extra: [txt(`${GOOD_DOMAIN}._report._dmarc.${REPORTS_DOMAIN}`, 'v=DMARC1')],
    }),
    domainZone(RUA_UNAUTHORISED_DOMAIN, {
      dmarc: [dmarc(RUA_UNAUTHORISED_DOMAIN, `v=DMARC1; p=reject; rua=mailto:dmarc@${REPORTS_DOMAIN}`)],
    }),
    domainZone(SPF_DEEP_DOMAIN, {
      // Lookups in evaluation order: mx 1, include:a 2, (a: a 3, mx 4, include:a1 5, (a1: a 6, mx 7)),
      // include:b 8, (b: a 9, mx 10), include:c 11 ← over the limit, (c: a 12, mx 13).
      spf: [
        spf(
          SPF_DEEP_DOMAIN,
          `v=spf1 mx include:${deep('a')} include:${deep('b')} include:${OVER_LIMIT_INCLUDE} -all`,
        ),
      ],
      extra: [
        spf(deep('a'), `v=spf1 a mx include:${deep('a1')} ~all`),
        a(deep('a'), '127.0.3.1'),
        mx(deep('a'), 10, GOOD_MX),
        spf(deep('a1'), 'v=spf1 a mx ~all'),
        a(deep('a1'), '127.0.3.2'),
        mx(deep('a1'), 10, GOOD_MX),
        spf(deep('b'), 'v=spf1 a mx ~all'),
        a(deep('b'), '127.0.3.3'),
        mx(deep('b'), 10, GOOD_MX),
        spf(OVER_LIMIT_INCLUDE, 'v=spf1 a mx ~all'),
        a(OVER_LIMIT_INCLUDE, '127.0.3.4'),
        mx(OVER_LIMIT_INCLUDE, 10, GOOD_MX),
      ],
    }),
    domainZone(SPF_VOID_DOMAIN, {
      spf: [
        spf(
          SPF_VOID_DOMAIN,
          `v=spf1 a:${SPF_VOID_NAMES[0]} a:${SPF_VOID_NAMES[1]} mx:${SPF_VOID_NAMES[2]} mx -all`,
        ),
      ],
      extra: [a(SPF_VOID_NAMES[2], '127.0.3.20')],
    }),
    domainZone(TWO_SPF_DOMAIN, {
      spf: [spf(TWO_SPF_DOMAIN, 'v=spf1 mx -all'), spf(TWO_SPF_DOMAIN, `v=spf1 ip4:${HOSTS.hardened} -all`)],
    }),
    domainZone(PLUS_ALL_DOMAIN, { spf: [spf(PLUS_ALL_DOMAIN, 'v=spf1 +all')] }),
    domainZone(NO_ALL_DOMAIN, { spf: [spf(NO_ALL_DOMAIN, `v=spf1 mx ip4:${HOSTS.hardened}`)] }),
    domainZone(PTR_SPF_DOMAIN, { spf: [spf(PTR_SPF_DOMAIN, 'v=spf1 ptr mx -all')] }),
    domainZone(NO_DMARC_DOMAIN, { dmarc: [] }),
    domainZone(DMARC_NONE_DOMAIN, {
      dmarc: [dmarc(DMARC_NONE_DOMAIN, `v=DMARC1; p=none; rua=mailto:dmarc@${DMARC_NONE_DOMAIN}`)],
    }),
    domainZone(MX_NXHOST_DOMAIN, { mx: [mx(MX_NXHOST_DOMAIN, 10, MX_NXHOST)] }),
    domainZone(MX_CNAME_DOMAIN, {
      mx: [mx(MX_CNAME_DOMAIN, 10, MX_CNAME)],
      extra: [cname(MX_CNAME, GOOD_MX)],
    }),
    domainZone(MX_IP_DOMAIN, { mx: [mx(MX_IP_DOMAIN, 10, HOSTS.hardened)] }),
    domainZone(NULL_MX_DOMAIN, {
      mx: [mx(NULL_MX_DOMAIN, 0, '')],
      spf: [spf(NULL_MX_DOMAIN, 'v=spf1 -all')],
    }),
    domainZone(NO_PTR_DOMAIN, { mx: [mx(NO_PTR_DOMAIN, 10, NO_PTR_MX)], extra: [a(NO_PTR_MX, HOSTS.noPtr)] }),
    domainZone(OPENRELAY_DOMAIN, {
      mx: [mx(OPENRELAY_DOMAIN, 10, OPENRELAY_MX)],
      extra: [a(OPENRELAY_MX, HOSTS.misconfigured)],
    }),
    domainZone(PTR_MISMATCH_DOMAIN, { mx: [mx(PTR_MISMATCH_DOMAIN, 10, OPENRELAY_MX)] }),
    domainZone(WEAK_DKIM_DOMAIN, {
      extra: [
        dkim(WEAK_DKIM_DOMAIN, WEAK_DKIM_SELECTOR_1024, keys.weak1024),
        dkim(WEAK_DKIM_DOMAIN, WEAK_DKIM_SELECTOR_512, keys.weak512),
      ],
    }),
    domainZone(STS_MISSING_MX_DOMAIN, {
      extra: [
        stsTxt(STS_MISSING_MX_DOMAIN, GOOD_MTA_STS_ID),
        a(mtaStsHost(STS_MISSING_MX_DOMAIN), HOSTS.mtaSts),
      ],
    }),
    domainZone(STS_BAD_DOMAIN, {
      extra: [stsTxt(STS_BAD_DOMAIN, GOOD_MTA_STS_ID), a(mtaStsHost(STS_BAD_DOMAIN), HOSTS.mtaSts)],
    }),
    domainZone(SILENT_DOMAIN, {
      mx: [mx(SILENT_DOMAIN, 10, SILENT_MX)],
      extra: [a(SILENT_MX, HOSTS.silent)],
    }),
    domainZone(DNSBL_ZONE, {
      extra: [
        a(`2.1.0.127.${DNSBL_ZONE}`, '127.0.0.2', 900),
        txt(`2.1.0.127.${DNSBL_ZONE}`, DNSBL_REASON, 900),
        // RFC 5782 §5: every DNSBL lists 127.0.0.2 and does not list 127.0.0.1.
        a(`2.0.0.127.${DNSBL_ZONE}`, '127.0.0.2', 900),
        txt(`2.0.0.127.${DNSBL_ZONE}`, 'Test entry (RFC 5782)', 900),
      ],
    }),
    {
      origin: REVERSE_ZONE,
      records: [
        ns(REVERSE_ZONE),
        ptr(`1.${REVERSE_ZONE}`, GOOD_MX),
        ptr(`2.${REVERSE_ZONE}`, PTR_MISMATCH_NAME),
        ptr(`3.${REVERSE_ZONE}`, SILENT_MX),
        ptr(`4.${REVERSE_ZONE}`, mtaStsHost(GOOD_DOMAIN)),
      ],
    },
  ];
}

/** The zone names NSD serves (besides SERVFAIL_DOMAIN, which it is told to serve and cannot load). */
export const ZONES: readonly string[] = plantedZones({ good2048: '', weak1024: '', weak512: '' }).map(
  (z) => z.origin,
);

/** Domains whose mail the hardened Postfix accepts (their MX leads to 127.0.1.1). */
export function hardenedDomains(zones: readonly PlantedZone[]): string[] {
  return domainsServedBy(zones, [GOOD_MX, MX_CNAME, HOSTS.hardened]);
}

/** Domains whose mail the misconfigured Postfix accepts as final destination. */
export function misconfiguredDomains(zones: readonly PlantedZone[]): string[] {
  return domainsServedBy(zones, [OPENRELAY_MX]);
}

function domainsServedBy(zones: readonly PlantedZone[], exchanges: string[]): string[] {
  return zones
    .filter((zone) =>
      zone.records.some((r) => r.type === 'MX' && r.name === zone.origin && exchanges.includes(r.exchange)),
    )
    .map((zone) => zone.origin);
}

/** The zone file text (RFC 1035 master format) NSD loads for a zone. */
export function zoneFile(zone: PlantedZone, serial = 2026112701): string {
  const lines = [
    `$ORIGIN ${zone.origin}.`,
    `$TTL ${HOUR}`,
    `@ ${DAY} IN SOA ${NAME_SERVER}. hostmaster.${GOOD_DOMAIN}. ${serial} 7200 3600 1209600 300`,
  ];
  for (const r of zone.records) {
    const owner = `${r.name}.`;
    switch (r.type) {
      case 'A':
        lines.push(`${owner} ${r.ttl} IN A ${r.address}`);
        break;
      case 'MX':
        lines.push(`${owner} ${r.ttl} IN MX ${r.priority} ${r.exchange}.`);
        break;
      case 'TXT':
        lines.push(`${owner} ${r.ttl} IN TXT ${txtStrings(r.text)}`);
        break;
      default:
        lines.push(`${owner} ${r.ttl} IN ${r.type} ${r.target}.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** TXT data as quoted character-strings of at most 255 octets (RFC 1035 §3.3.14). */
function txtStrings(text: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 250) chunks.push(text.slice(i, i + 250));
  return chunks.map((c) => `"${c.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(' ');
}

/** A zone file NSD refuses to load (no SOA, a record outside the zone): servfail.test answers SERVFAIL. */
export const BROKEN_ZONE_FILE = `$ORIGIN ${SERVFAIL_DOMAIN}.\n$TTL 3600\n@ IN A ${HOSTS.web}\n@ IN MX 10 ${GOOD_MX}.\nstray.other.test. IN A 127.0.0.9\n`;
