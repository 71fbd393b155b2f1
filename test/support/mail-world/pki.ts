import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mustRun } from './processes.ts';

// Keys and certificates of the mail world, made at setup with the openssl CLI: a test CA, server certificates
// it signs (Postfix STARTTLS, the MTA-STS HTTPS host), and the DKIM keys whose public halves go into DNS.

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $ENV::MAIL_WORLD_SAN
`;

export interface Pem {
  readonly certPem: string;
  readonly certFile: string;
  readonly keyPem: string;
  readonly keyFile: string;
}

export interface DkimKey {
  readonly bits: number;
  readonly privateKeyPem: string;
  /** Base64 DER SubjectPublicKeyInfo, the `p=` tag of the DKIM record (RFC 6376 §3.6.1). */
  readonly publicKeyBase64: string;
}

export class Pki {
  private readonly dir: string;
  private readonly config: string;

  constructor(dir: string) {
    this.dir = dir;
    this.config = join(dir, 'openssl.cnf');
    writeFileSync(this.config, OPENSSL_CONFIG);
  }

  /** The test CA (EC P-256), valid 30 days. */
  async ca(): Promise<Pem> {
    const keyFile = join(this.dir, 'ca.key');
    const certFile = join(this.dir, 'ca.pem');
    await this.openssl('making the mail world test CA', '', [
      'req',
      '-x509',
      '-new',
      '-config',
      this.config,
      '-extensions',
      'ca_ext',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      '/O=mailops tests/CN=mailops mail world test CA',
      '-days',
      '30',
    ]);
    return read(certFile, keyFile);
  }

  /** A server certificate (RSA 2048) for `names` (the first is the CN), signed by `ca`. */
  async server(file: string, names: readonly string[], ca: Pem): Promise<Pem> {
    const keyFile = join(this.dir, `${file}.key`);
    const certFile = join(this.dir, `${file}.pem`);
    await this.openssl(
      `making the certificate for ${names.join(', ')}`,
      names.map((n) => `DNS:${n}`).join(','),
      [
        'req',
        '-x509',
        '-new',
        '-config',
        this.config,
        '-extensions',
        'server_ext',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        `/CN=${names[0]}`,
        '-days',
        '30',
        '-CA',
        ca.certFile,
        '-CAkey',
        ca.keyFile,
      ],
    );
    return read(certFile, keyFile);
  }

  /** An RSA key of `bits` bits for DKIM. */
  async dkim(file: string, bits: number): Promise<DkimKey> {
    const keyFile = join(this.dir, `${file}.key`);
    await this.openssl(`making a ${bits}-bit DKIM key`, '', [
      'genpkey',
      '-algorithm',
      'RSA',
      '-pkeyopt',
      `rsa_keygen_bits:${bits}`,
      '-out',
      keyFile,
    ]);
    const pem = await this.openssl(`reading the ${bits}-bit DKIM public key`, '', [
      'pkey',
      '-in',
      keyFile,
      '-pubout',
      '-outform',
      'PEM',
    ]);
    const publicKeyBase64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    return { bits, privateKeyPem: readFileSync(keyFile, 'utf8'), publicKeyBase64 };
  }

  private async openssl(what: string, san: string, args: string[]): Promise<string> {
    // The config reads the subjectAltName from the environment.
    const env = { ...process.env, MAIL_WORLD_SAN: san || 'DNS:placeholder.test' };
    return (await mustRun('openssl', args, what, env)).stdout;
  }
}

function read(certFile: string, keyFile: string): Pem {
  return {
    certFile,
    keyFile,
    certPem: readFileSync(certFile, 'utf8'),
    keyPem: readFileSync(keyFile, 'utf8'),
  };
}
