import * as z from '../../zod.js';
import { TwilioApiError } from './twilio.errors.js';

/** What `POST /Messages.json` is given: `to` and exactly one sender (`from` or `messagingServiceSid`). */
export interface CreateMessageParams {
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  /** Where Twilio posts this message's status changes (overrides the Messaging Service's). */
  statusCallback?: string;
}

// Only the fields this service reads; Twilio's Message resource carries many more.
const MessageResource = z.looseObject({
  sid: z.string().check(z.regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/)),
  status: z.string(),
});
export type TwilioMessage = z.infer<typeof MessageResource>;

// Twilio's error body: {"code": 21211, "message": "...", "more_info": "https://...", "status": 400}.
const ErrorBody = z.looseObject({
  code: z.int(),
  message: z.string(),
  more_info: z.optional(z.string()),
});

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /** `https://api.twilio.com`, or a local server in tests. */
  baseUrl: string;
  fetch: typeof fetch;
}

/**
 * A small client of Twilio's Programmable Messaging REST API (Messages resource, API version
 * 2010-04-01): form-encoded request, HTTP Basic auth with the Account SID and Auth Token, JSON answer.
 */
export class TwilioMessagesClient {
  private readonly url: string;
  private readonly authorization: string;
  private readonly fetch: typeof fetch;

  constructor(options: TwilioClientOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
    this.authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    this.fetch = options.fetch;
  }

  /**
   * Creates (sends) one message. Resolves with the created resource (HTTP 201); rejects with a
   * TwilioApiError for any other answer, or with fetch's own error on a network failure or abort.
   */
  async create(params: CreateMessageParams, signal: AbortSignal): Promise<TwilioMessage> {
    const form = new URLSearchParams({ To: params.to });
    if (params.messagingServiceSid) form.set('MessagingServiceSid', params.messagingServiceSid);
    if (params.from) form.set('From', params.from);
    form.set('Body', params.body);
    if (params.statusCallback) form.set('StatusCallback', params.statusCallback);

    const response = await this.fetch(this.url, {
      method: 'POST',
      headers: {
        authorization: this.authorization,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      // Twilio does not redirect a create; following one could carry the credentials elsewhere.
      redirect: 'error',
      signal,
    });
    const text = await response.text();
    const body = parseJson(text);

    if (response.ok) {
      const message = MessageResource.safeParse(body);
      if (message.success) return message.data;
      throw new TwilioApiError(
        response.status,
        null,
        `Twilio answered HTTP ${response.status} without a message sid`,
      );
    }
    const error = ErrorBody.safeParse(body);
    if (error.success) {
      throw new TwilioApiError(response.status, error.data.code, error.data.message, error.data.more_info);
    }
    throw new TwilioApiError(response.status, null, `Twilio answered HTTP ${response.status}`);
  }
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
