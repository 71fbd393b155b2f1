import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { preparePostfix } from '../mail-world/postfix.ts';
import { backdate, canBind, waitUntil } from '../mail-world/processes.ts';

// A mail domain's Postfix for the delivery world, built on the /mailtest world's preparePostfix (same common
// settings: no DNS, nothing leaves the machine, log file through postlog). On top: virtual mailboxes delivered
// by LMTP into Dovecot, unknown recipients refused at RCPT (550 5.1.1), SMTP to the other domain by
// transport_maps, STARTTLS both ways, submission on 587 (STARTTLS required, AUTH through Dovecot), and for
// agency.test the OpenDKIM milter and a trusted reinjection port for Sieve's replies.

export interface MailDomainSettings {
  /** Short name: `agency` or `outside` (folder `postfix-<name>`, log tag `deliveryworld-<name>`). */
  readonly name: string;
  readonly domain: string;
  readonly hostname: string;
  readonly address: string;
  readonly submissionPort: number;
  /** Mailbox addresses of the domain. */
  readonly mailboxes: readonly string[];
  /** Domain → `host:port` it is sent to over SMTP. */
  readonly routes: Readonly<Record<string, string>>;
  readonly messageSizeLimit: number;
  readonly tls: { readonly certFile: string; readonly keyFile: string; readonly caFile: string };
  readonly lmtpSocket: string;
  readonly authSocket: string;
  /** `inet:host:port` of a DKIM milter. */
  readonly milter?: string;
  /** Port on `address` where local services (Dovecot's Sieve) send without AUTH, signed as outgoing mail. */
  readonly reinjectionPort?: number;
}

export function prepareMailDomain(stateDir: string, s: MailDomainSettings) {
  const tag = `deliveryworld-${s.name}`;
  const inline = (entries: [string, string][]) =>
    entries.length === 0 ? '' : `inline:{ ${entries.map(([k, v]) => `${k}=${v}`).join(', ')} }`;
  const prepared = preparePostfix(stateDir, {
    name: s.name,
    address: s.address,
    main: {
      syslog_name: tag,
      myhostname: s.hostname,
      mydomain: s.domain,
      myorigin: s.domain,
      mydestination: '',
      // The tests and the bot connect from 127.0.0.1: outside mynetworks, so they must AUTH on 587 to relay.
      mynetworks: `${s.address}/32`,
      virtual_mailbox_domains: s.domain,
      virtual_mailbox_maps: inline(s.mailboxes.map((m) => [m, 'ok'])),
      virtual_alias_maps: inline(
        ['postmaster', 'abuse'].map((local) => [`${local}@${s.domain}`, s.mailboxes[0]!]),
      ),
      virtual_transport: `lmtp:unix:${s.lmtpSocket}`,
      transport_maps: inline(
        Object.entries(s.routes).map(([domain, to]) => [domain, `smtp:[${hostOf(to)}]:${portOf(to)}`]),
      ),
      recipient_delimiter: '+',
      message_size_limit: String(s.messageSizeLimit),
      smtpd_helo_required: 'yes',
      disable_vrfy_command: 'yes',
      smtpd_relay_restrictions: 'permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination',
      smtpd_tls_security_level: 'may',
      smtpd_tls_chain_files: `${s.tls.keyFile}, ${s.tls.certFile}`,
      smtpd_tls_protocols: '>=TLSv1.2',
      smtpd_tls_mandatory_protocols: '>=TLSv1.2',
      smtpd_tls_loglevel: '1',
      smtpd_tls_received_header: 'yes',
      smtp_tls_security_level: 'may',
      smtp_tls_CAfile: s.tls.caFile,
      smtp_tls_loglevel: '1',
      smtpd_sasl_type: 'dovecot',
      smtpd_sasl_path: s.authSocket,
      smtpd_sasl_auth_enable: 'no',
      smtpd_tls_auth_only: 'yes',
      ...(s.milter
        ? { smtpd_milters: s.milter, non_smtpd_milters: s.milter, milter_default_action: 'tempfail' }
        : {}),
    },
  });

  const masterCf = join(prepared.instance.configDir, 'master.cf');
  const services = [
    `${s.address}:${s.submissionPort} inet n - n - - smtpd`,
    `  -o syslog_name=${tag}/submission`,
    '  -o smtpd_tls_security_level=encrypt',
    '  -o smtpd_sasl_auth_enable=yes',
    '  -o smtpd_client_restrictions=permit_sasl_authenticated,reject',
    '  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject',
    '  -o milter_macro_daemon_name=ORIGINATING',
    ...(s.reinjectionPort
      ? [
          `${s.address}:${s.reinjectionPort} inet n - n - - smtpd`,
          `  -o syslog_name=${tag}/reinjection`,
          '  -o mynetworks=127.0.0.0/8',
          '  -o smtpd_client_restrictions=permit_mynetworks,reject',
          '  -o smtpd_relay_restrictions=permit_mynetworks,reject',
          '  -o milter_macro_daemon_name=ORIGINATING',
        ]
      : []),
    'lmtp      unix  -       -       n       -       -       lmtp',
  ];
  appendFileSync(masterCf, `${services.join('\n')}\n`);
  backdate(masterCf);

  const ports = [25, s.submissionPort, ...(s.reinjectionPort ? [s.reinjectionPort] : [])];
  return {
    instance: prepared.instance,
    logFile: prepared.instance.logFile,
    start: () => prepared.start(),
    /** `postfix stop`, then wait until every port of the instance can be bound again. */
    async stop() {
      await prepared.instance.stop();
      for (const port of ports) {
        if (!(await waitUntil(() => canBind(s.address, port), 5_000, 50))) {
          throw new Error(`Postfix ${s.name} stopped but ${s.address}:${port} is still taken`);
        }
      }
    },
  };
}

function hostOf(hostPort: string) {
  return hostPort.slice(0, hostPort.lastIndexOf(':'));
}

function portOf(hostPort: string) {
  return hostPort.slice(hostPort.lastIndexOf(':') + 1);
}
