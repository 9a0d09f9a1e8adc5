import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TWILIO_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const TWILIO_AUTH_TOKEN = 'f1e2d3c4b5a697887766554433221100';

/** One request as the fake Twilio received it. */
export interface TwilioRequest {
  path: string | undefined;
  form: Record<string, string>;
  /** Whether it was answered (false for a request held until its connection died). */
  answered: boolean;
}

/**
 * A stand-in for api.twilio.com on 127.0.0.1: answers `POST .../Messages.json` with 201 and a
 * message resource, unless `hold(request)` says to keep that request open (a provider gone silent
 * mid-send). `requests` records every create, answered or not, in arrival order.
 */
export async function fakeTwilioServer(options: { hold?: (form: Record<string, string>) => boolean } = {}) {
  const requests: TwilioRequest[] = [];
  const held: ServerResponse[] = [];
  const listeners = new Set<(request: TwilioRequest) => void>();
  const behaviour = { hold: options.hold ?? (() => false) };
  let counter = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const request: TwilioRequest = { path: req.url, form, answered: false };
      requests.push(request);
      for (const listener of listeners) listener(request);
      if (behaviour.hold(form)) {
        held.push(res);
        return;
      }
      counter++;
      const sid = `SM${counter.toString(16).padStart(32, '0')}`;
      request.answered = true;
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({ sid, status: 'queued', to: form.To, from: form.From ?? null, body: form.Body }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    behaviour,
    /** Resolves with the first request (already received or still to come) that `match` accepts. */
    received(match: (request: TwilioRequest) => boolean): Promise<TwilioRequest> {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        const listener = (request: TwilioRequest) => {
          if (!match(request)) return;
          listeners.delete(listener);
          resolve(request);
        };
        listeners.add(listener);
      });
    },
    /** How many creates carried this body. */
    countBody: (body: string) => requests.filter((r) => r.form.Body === body).length,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type FakeTwilio = Awaited<ReturnType<typeof fakeTwilioServer>>;
