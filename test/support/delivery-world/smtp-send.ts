import { SmtpConversation, type SmtpReply } from '../mail-world/smtp-client.ts';

// Sends one message by hand over SMTP (RFC 5321) for tests of the delivery world: EHLO, STARTTLS (RFC 3207),
// AUTH PLAIN (RFC 4954) when credentials are given, MAIL, RCPT, DATA with dot-stuffing. It stops at the first
// refusal and says at which step, so a test can expect `552` at DATA or `550` at RCPT.

export interface SendOptions {
  readonly host: string;
  readonly port: number;
  /** TLS server name and CA to verify the STARTTLS certificate with. */
  readonly tls: { readonly servername: string; readonly ca: string };
  readonly auth?: { readonly user: string; readonly password: string };
  readonly from: string;
  readonly to: readonly string[];
  /** The message (header and body), lines ending in CRLF or LF. */
  readonly message: string;
  /** Declare the size on MAIL FROM (RFC 1870), as nodemailer does when the server advertises SIZE. */
  readonly declareSize?: boolean;
}

export type SendStep = 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'sent';

export interface SendResult {
  /** `sent` when the message was accepted after DATA; otherwise the step that was refused. */
  readonly step: SendStep;
  readonly reply: SmtpReply;
  /** The EHLO extensions advertised after STARTTLS. */
  readonly extensions: ReadonlyMap<string, string>;
}

export async function sendMessage(o: SendOptions): Promise<SendResult> {
  const { conversation, greeting } = await SmtpConversation.open(o.host, o.port, 30_000);
  let extensions: ReadonlyMap<string, string> = new Map();
  const stop = async (step: SendStep, reply: SmtpReply): Promise<SendResult> => {
    await conversation.quit();
    return { step, reply, extensions };
  };
  try {
    if (greeting.code !== 220) return await stop('greeting', greeting);
    const first = await conversation.ehlo('probe-client.test');
    if (first.reply.code !== 250) return await stop('ehlo', first.reply);
    const tls = await conversation.starttls(o.tls.servername, o.tls.ca);
    if (tls.reply.code !== 220) return await stop('starttls', tls.reply);
    const second = await conversation.ehlo('probe-client.test');
    extensions = second.extensions;
    if (second.reply.code !== 250) return await stop('ehlo', second.reply);
    if (o.auth) {
      const token = Buffer.from(`\0${o.auth.user}\0${o.auth.password}`).toString('base64');
      const auth = await conversation.command(`AUTH PLAIN ${token}`);
      if (auth.code !== 235) return await stop('auth', auth);
    }
    const data = dotStuffed(o.message);
    const size = o.declareSize ? ` SIZE=${Buffer.byteLength(data)}` : '';
    const mail = await conversation.command(`MAIL FROM:<${o.from}>${size}`);
    if (mail.code !== 250) return await stop('mail', mail);
    for (const rcpt of o.to) {
      const reply = await conversation.command(`RCPT TO:<${rcpt}>`);
      if (reply.code !== 250) return await stop('rcpt', reply);
    }
    const go = await conversation.command('DATA');
    if (go.code !== 354) return await stop('data', go);
    const done = await conversation.command(`${data}.`);
    return await stop(done.code === 250 ? 'sent' : 'data', done);
  } catch (error) {
    await conversation.quit();
    throw error;
  }
}

/** CRLF line ends, a leading dot doubled (RFC 5321 §4.5.2), ending with CRLF so `.` closes the data. */
function dotStuffed(message: string): string {
  const lines = message.replace(/\r?\n/g, '\r\n').replace(/\r\n$/, '').split('\r\n');
  return `${lines.map((line) => (line.startsWith('.') ? `.${line}` : line)).join('\r\n')}\r\n`;
}
