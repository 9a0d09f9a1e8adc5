import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { WebhookRequest, WebhookTransport } from '../../ports/webhook-transport.js';

// What is read of an answer: its status only; the rest is drained and dropped, at most this much.
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Webhooks over Node's own http/https clients. The connection goes to the address the URL policy
 * checked (`lookup` answers it, not DNS), so a name re-pointed between the check and the connection
 * (DNS rebinding) cannot lead elsewhere; TLS still verifies the certificate for the URL's host name.
 * Node's clients follow no redirect.
 */
export class NodeWebhookTransport implements WebhookTransport {
  post({ url, address, headers, body, timeoutMs }: WebhookRequest): Promise<{ status: number }> {
    const pinned: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, [{ address: address.address, family: address.family }]);
      else callback(null, address.address, address.family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          lookup: pinned,
          headers: {
            ...headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'messaging-webhooks/1',
          },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_ANSWER_BYTES) res.destroy();
          });
          res.on('close', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
