import { AGENCY_DOMAIN, DELIVERY_HOSTS, DKIM_SELECTOR, MAIL_HOSTS, OUTSIDE_DOMAIN } from './topology.ts';

// The DNS of the delivery world, so the bot's own resolver (pointed at NSD) can check SPF, DKIM and DMARC of the
// copies it receives: each domain has MX, A, SPF, DMARC, its mail host's A and HELO SPF, and agency.test the
// DKIM key made at setup. The reverse zone gives the mail hosts forward-confirmed PTRs.

export interface DeliveryRecord {
  readonly name: string;
  readonly type: 'A' | 'MX' | 'TXT' | 'NS' | 'PTR';
  /** As written in the zone file after the type (TXT: the text, unquoted). */
  readonly data: string;
}

export interface DeliveryZone {
  readonly origin: string;
  readonly records: readonly DeliveryRecord[];
}

const NAME_SERVER = `ns1.${AGENCY_DOMAIN}`;
export const REVERSE_ZONE = '5.0.127.in-addr.arpa';

/** agency.test's DMARC record: reject, relaxed alignment (DKIM d=agency.test or SPF MAIL FROM aligns). */
export const AGENCY_DMARC = `v=DMARC1; p=reject; rua=mailto:postmaster@${AGENCY_DOMAIN}`;
export const OUTSIDE_DMARC = `v=DMARC1; p=none; rua=mailto:postmaster@${OUTSIDE_DOMAIN}`;

function mailDomain(domain: string, host: string, address: string, dmarc: string): DeliveryRecord[] {
  return [
    { name: domain, type: 'NS', data: `${NAME_SERVER}.` },
    { name: domain, type: 'A', data: address },
    { name: domain, type: 'MX', data: `10 ${host}.` },
    { name: domain, type: 'TXT', data: `v=spf1 ip4:${address} -all` },
    { name: `_dmarc.${domain}`, type: 'TXT', data: dmarc },
    { name: host, type: 'A', data: address },
    // Bounces and vacation replies have MAIL FROM:<>; SPF then checks the HELO name (RFC 7208 §2.3).
    { name: host, type: 'TXT', data: 'v=spf1 a -all' },
  ];
}

export function deliveryZones(dkimPublicKeyBase64: string): DeliveryZone[] {
  return [
    {
      origin: AGENCY_DOMAIN,
      records: [
        ...mailDomain(AGENCY_DOMAIN, MAIL_HOSTS.agency, DELIVERY_HOSTS.agency, AGENCY_DMARC),
        { name: NAME_SERVER, type: 'A', data: DELIVERY_HOSTS.dns },
        {
          name: `${DKIM_SELECTOR}._domainkey.${AGENCY_DOMAIN}`,
          type: 'TXT',
          data: `v=DKIM1; k=rsa; p=${dkimPublicKeyBase64}`,
        },
      ],
    },
    {
      origin: OUTSIDE_DOMAIN,
      records: mailDomain(OUTSIDE_DOMAIN, MAIL_HOSTS.outside, DELIVERY_HOSTS.outside, OUTSIDE_DMARC),
    },
    {
      origin: REVERSE_ZONE,
      records: [
        { name: REVERSE_ZONE, type: 'NS', data: `${NAME_SERVER}.` },
        { name: `1.${REVERSE_ZONE}`, type: 'PTR', data: `${MAIL_HOSTS.agency}.` },
        { name: `2.${REVERSE_ZONE}`, type: 'PTR', data: `${MAIL_HOSTS.outside}.` },
        { name: `3.${REVERSE_ZONE}`, type: 'PTR', data: `${NAME_SERVER}.` },
      ],
    },
  ];
}

/** The zone file (RFC 1035 master format) of a zone; TXT split into ≤ 250-octet strings (RFC 1035 §3.3.14). */
export function zoneText(zone: DeliveryZone): string {
  const lines = [
    `$ORIGIN ${zone.origin}.`,
    '$TTL 300',
    `@ 300 IN SOA ${NAME_SERVER}. hostmaster.${AGENCY_DOMAIN}. 2026010101 7200 3600 1209600 300`,
  ];
  for (const r of zone.records) {
    const data = r.type === 'TXT' ? quoted(r.data) : r.data;
    lines.push(`${r.name}. 300 IN ${r.type} ${data}`);
  }
  return `${lines.join('\n')}\n`;
}

function quoted(text: string): string {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 250) chunks.push(text.slice(i, i + 250));
  return chunks.map((c) => `"${c.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(' ');
}
