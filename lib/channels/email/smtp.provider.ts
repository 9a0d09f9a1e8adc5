import { X509Certificate } from 'node:crypto';
import nodemailer, { type SentMessageInfo, type Transporter } from 'nodemailer';
import { transportTimeoutMs } from '../../deadline.js';
import type { OutboundMessage, Provider, SendResult } from '../../ports/provider.js';
import * as z from '../../zod.js';
import { defineProvider } from '../provider-factory.js';

export const SMTP_SECURITY_MODES = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY_MODES)[number];

const wholeNumber = (min: number, max: number, what: string) =>
  z.pipe(
    z.pipe(
      z.string().check(z.regex(/^\d+$/, `must be ${what} (digits only)`)),
      z.transform((value: string) => Number(value)),
    ),
    z
      .number()
      .check(
        z.gte(min, `must be ${what} from ${min} to ${max}`),
        z.lte(max, `must be ${what} from ${min} to ${max}`),
      ),
  );

const emailFormat = z.email();
// `user@example.com`, or `Name <user@example.com>` (the name may be quoted; no line breaks anywhere).
const FROM_PATTERN = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/;
const FROM_HINT = 'must be an email address, or a display name and address: Name <user@example.com>';
const fromAddress = (value: string): string | undefined => {
  const match = FROM_PATTERN.exec(value.trim());
  const address = match?.[1] ?? match?.[2];
  return address && emailFormat.safeParse(address).success ? address : undefined;
};

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
// Every certificate of the bundle must parse, so that a truncated variable fails at start-up and
// not at the first TLS handshake.
const isPemBundle = (pem: string): boolean => {
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks) return false;
  try {
    for (const block of blocks) new X509Certificate(block);
    return true;
  } catch {
    return false;
  }
};

const smtpEnv = z.object({
  SMTP_HOST: z.string({ error: 'is required: the SMTP server host name or IP address' }).check(
    z.trim(),
    z.minLength(1, 'is required: the SMTP server host name or IP address'),
    z.refine<string>((host) => !/[\s/]/.test(host), 'must be a host name or IP address, not a URL'),
  ),
  SMTP_PORT: z.optional(wholeNumber(1, 65_535, 'a port number')),
  SMTP_SECURITY: z._default(
    z.enum(SMTP_SECURITY_MODES, { error: `must be one of ${SMTP_SECURITY_MODES.join(', ')}` }),
    'starttls',
  ),
  SMTP_USER: z.optional(z.string().check(z.minLength(1))),
  SMTP_PASSWORD: z.optional(z.string().check(z.minLength(1))),
  SMTP_FROM: z.pipe(
    z
      .string({ error: `is required: the sender; ${FROM_HINT}` })
      .check(z.refine<string>((value) => fromAddress(value) !== undefined, FROM_HINT)),
    z.transform((value: string) => value.trim()),
  ),
  SMTP_POOL_SIZE: z._default(wholeNumber(1, 100, 'a number of connections'), 5),
  // A PEM written on one line with literal `\n` (as many secret stores and .env files keep it) is
  // accepted too.
  SMTP_CA_CERT: z.optional(
    z
      .pipe(
        z.string(),
        z.transform((pem: string) => pem.replaceAll('\\n', '\n')),
      )
      .check(
        z.refine<string>(isPemBundle, 'must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)'),
      ),
  ),
});

/**
 * The SMTP provider's environment variables. `SMTP_PORT` defaults to 465 with implicit TLS and to
 * 587 (submission) otherwise; `SMTP_USER` and `SMTP_PASSWORD` go together.
 */
export const SmtpSettings = z.pipe(
  smtpEnv.check(
    z.superRefine<z.output<typeof smtpEnv>>(
      (settings, context) => {
        const missing =
          settings.SMTP_USER !== undefined && settings.SMTP_PASSWORD === undefined
            ? ['SMTP_PASSWORD', 'SMTP_USER']
            : settings.SMTP_PASSWORD !== undefined && settings.SMTP_USER === undefined
              ? ['SMTP_USER', 'SMTP_PASSWORD']
              : undefined;
        if (missing) {
          const [absent, present] = missing as [string, string];
          context.addIssue({ code: 'custom', path: [absent], message: `is required when ${present} is set` });
        }
      },
      // Also when other variables are bad, so that every problem is named at once.
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    ),
  ),
  z.transform((settings: z.output<typeof smtpEnv>) => ({
    ...settings,
    SMTP_PORT: settings.SMTP_PORT ?? (settings.SMTP_SECURITY === 'tls' ? 465 : 587),
  })),
);
export type SmtpSettings = z.infer<typeof SmtpSettings>;

/**
 * The nodemailer transport options the settings mean; every wait is bounded by `timeoutMs`, the
 * transport's timeout (see transportTimeoutMs), not the call's.
 */
export function smtpTransportOptions(settings: SmtpSettings, timeoutMs: number) {
  const security = {
    tls: { secure: true },
    // requireTLS: a server that does not upgrade is refused, credentials and content never go out
    // in clear text.
    starttls: { secure: false, requireTLS: true },
    none: { secure: false, ignoreTLS: true },
  } as const satisfies Record<SmtpSecurity, object>;
  return {
    pool: true as const,
    maxConnections: settings.SMTP_POOL_SIZE,
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT,
    ...security[settings.SMTP_SECURITY],
    ...(settings.SMTP_USER !== undefined && {
      auth: { user: settings.SMTP_USER, pass: settings.SMTP_PASSWORD },
    }),
    ...(settings.SMTP_CA_CERT !== undefined && { tls: { ca: settings.SMTP_CA_CERT } }),
    // nodemailer's own timers, so that a stalled connection is torn down even by a caller that
    // never aborts; the abort signal of each send closes it sooner, and decides the outcome.
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  };
}

type SmtpError = Error & { code?: unknown; responseCode?: unknown; originalCode?: unknown };

// Codes that say what was sent is wrong, whichever server gets it: the same settings or message
// would fail again.
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/**
 * The one place SMTP failures are classified. A reply code decides when there is one (RFC 5321:
 * 5yz is permanent, 4yz transient), except 503 "bad sequence of commands", which says the session
 * was in the wrong state rather than that the message was refused (nodemailer's `permanent` flag
 * makes the same exception). Without a reply: authentication and envelope/message errors are
 * permanent; connection, DNS, TLS and timeout errors, and anything unknown, are retryable.
 * The message is nodemailer's, which carries the server's reply but never the credentials.
 */
export function mapSmtpError(error: unknown): SendResult {
  if (!(error instanceof Error)) {
    return { accepted: false, code: 'SMTP_ERROR', message: String(error), retryable: true };
  }
  const { code, responseCode, originalCode } = error as SmtpError;
  const nodemailerCode = typeof code === 'string' ? code : undefined;
  // The system or OpenSSL code under nodemailer's (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT...).
  const cause =
    typeof originalCode === 'string' && !error.message.includes(originalCode) ? ` (${originalCode})` : '';
  const message = `${error.message || 'SMTP send failed'}${cause}`;
  if (typeof responseCode === 'number' && responseCode >= 400 && responseCode < 600) {
    return {
      accepted: false,
      code: `SMTP_${responseCode}`,
      message,
      retryable: responseCode < 500 || responseCode === 503,
    };
  }
  return {
    accepted: false,
    code: nodemailerCode ?? 'SMTP_ERROR',
    message,
    retryable: !(nodemailerCode && PERMANENT_CODES.has(nodemailerCode)),
  };
}

const abortResult = (signal: AbortSignal): SendResult => ({
  accepted: false,
  code: 'ABORTED',
  message: signal.reason instanceof Error ? signal.reason.message : 'the send was aborted',
  retryable: true,
});

/**
 * Email over SMTP through a nodemailer transport (pooled in production, see `smtpProvider`). The
 * sender is fixed by configuration; the message goes out as UTF-8 plain text, or text and HTML.
 */
export class SmtpEmailProvider implements Provider {
  readonly name = 'smtp';
  readonly channel = 'email' as const;

  constructor(
    private readonly transport: Transporter<SentMessageInfo>,
    private readonly from: string,
  ) {}

  async send(message: OutboundMessage, { signal }: { signal: AbortSignal }): Promise<SendResult> {
    return signal.aborted ? abortResult(signal) : this.deliver(message, signal);
  }

  /** Closes the pooled connections (tests, and a process that shuts down cleanly). */
  async close(): Promise<void> {
    this.transport.close();
  }

  private async deliver(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
    // nodemailer (10.5+) drops a queued message or closes the connection delivering it when
    // `signal` aborts; racing the signal as well keeps the promise prompt with any transport.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<SendResult>((resolve) => {
      onAbort = () => resolve(abortResult(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const sending = this.transport
      .sendMail({
        from: this.from,
        to: message.recipient,
        subject: message.subject ?? undefined,
        text: message.content,
        // nodemailer makes it multipart/alternative, text then HTML.
        ...(message.html === undefined ? {} : { html: message.html }),
        signal,
      })
      .then(
        (info): SendResult => ({ accepted: true, providerMessageId: info.messageId }),
        (error: unknown) => (signal.aborted ? abortResult(signal) : mapSmtpError(error)),
      );
    try {
      return await Promise.race([sending, aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }
}

/** SMTP email through a pool of `SMTP_POOL_SIZE` connections, every wait bounded just past the provider timeout. */
export const smtpProvider = defineProvider({
  name: 'smtp',
  channel: 'email',
  settings: SmtpSettings,
  create(settings, deps) {
    const transport = nodemailer.createTransport(
      smtpTransportOptions(settings, transportTimeoutMs(deps.timeoutMs)),
    );
    return new SmtpEmailProvider(transport, settings.SMTP_FROM);
  },
});
