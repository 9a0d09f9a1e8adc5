import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ApiHandler } from '../http/api-handler.js';
import type { LocalRoute } from '../http/local-server.js';

// GET /docs on the local server: Swagger UI (swagger-ui-dist, its self-contained browser bundle,
// served from node_modules: nothing is fetched from elsewhere at run time) over /openapi.json.

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Messaging service API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/start.js"></script>
</body>
</html>
`;
// Its own file, not inline: the page can then be served with a CSP that forbids inline scripts.
const START = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#reference', deepLinking: true });\n`;

const ASSETS = { 'swagger-ui-bundle.js': 'text/javascript', 'swagger-ui.css': 'text/css' } as const;

const answer = (body: string, contentType: string): Awaited<ReturnType<ApiHandler>> => ({
  statusCode: 200,
  headers: {
    'content-type': `${contentType}; charset=utf-8`,
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    'cache-control': 'no-cache',
  },
  body,
});

/** The routes of the reference page and its assets. */
export function docsRoutes(): LocalRoute[] {
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const assets = new Map<string, Promise<string>>();
  const asset =
    (name: keyof typeof ASSETS): ApiHandler =>
    async () => {
      let text = assets.get(name);
      if (!text) {
        text = readFile(join(root, name), 'utf8');
        assets.set(name, text);
      }
      return answer(await text, ASSETS[name]);
    };
  return [
    { method: 'GET', path: '/docs', handler: async () => answer(PAGE, 'text/html') },
    { method: 'GET', path: '/docs/start.js', handler: async () => answer(START, 'text/javascript') },
    { method: 'GET', path: '/docs/swagger-ui-bundle.js', handler: asset('swagger-ui-bundle.js') },
    { method: 'GET', path: '/docs/swagger-ui.css', handler: asset('swagger-ui.css') },
  ];
}
