import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

/** What the fake saw of one request. */
export interface GraphRequest {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const graphError = (code: number, message: string) => ({
  error: { message, type: 'OAuthException', code, fbtrace_id: 'AZx9mV3qL1oQ0vY8' },
});

// The fields of a message besides its own (`text`, `template`); `biz_opaque_callback_data` optional.
const hasFields = (body: Record<string, unknown>, own: string) => {
  const { biz_opaque_callback_data: callbackData, ...rest } = body;
  return (
    (callbackData === undefined || typeof callbackData === 'string') &&
    isDeepStrictEqual(Object.keys(rest).sort(), ['messaging_product', 'recipient_type', own, 'to', 'type'])
  );
};

const isText = (body: Record<string, unknown>) =>
  body.type === 'text' &&
  hasFields(body, 'text') &&
  typeof (body.text as { body?: unknown })?.body === 'string';

// The Cloud API's template message: name, language {code}, and components of typed parameters.
const isTemplate = (body: Record<string, unknown>) => {
  if (body.type !== 'template' || !hasFields(body, 'template')) return false;
  const template = body.template as Record<string, unknown>;
  const language = template.language as Record<string, unknown> | undefined;
  const components = (template.components ?? []) as { type?: unknown; parameters?: unknown[] }[];
  return (
    typeof template.name === 'string' &&
    typeof language?.code === 'string' &&
    Object.keys(template).every((key) => ['name', 'language', 'components'].includes(key)) &&
    components.every(
      (component) =>
        ['header', 'body', 'button'].includes(String(component.type)) &&
        (component.parameters ?? []).every((p) =>
          isDeepStrictEqual(Object.keys(p as object).sort(), ['text', 'type']),
        ),
    )
  );
};

/**
 * A stand-in for the Graph API's `POST /{version}/{phone-number-id}/messages` on loopback: refuses
 * what the real one refuses (another path, a wrong token, a body that is neither a text nor a
 * template message) and answers Meta's success body otherwise.
 */
export async function startFakeMetaGraph(options: {
  phoneNumberId: string;
  token: string;
  version?: string;
}) {
  const version = options.version ?? 'v21.0';
  const seen: GraphRequest[] = [];
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const reply = (status: number, json: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, graphError(100, '(#100) Invalid JSON'));
      }
      seen.push({ url: req.url, headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== `/${version}/${options.phoneNumberId}/messages`)
        return reply(400, graphError(100, 'Unsupported post request'));
      if (req.headers.authorization !== `Bearer ${options.token}`)
        return reply(401, graphError(190, 'Invalid OAuth access token'));
      const wellFormed =
        body.messaging_product === 'whatsapp' &&
        body.recipient_type === 'individual' &&
        typeof body.to === 'string' &&
        /^\d+$/.test(body.to) &&
        (isText(body) || isTemplate(body));
      if (!wellFormed) return reply(400, graphError(100, '(#100) Invalid parameter'));
      counter++;
      return reply(200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.fake${counter}` }],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
