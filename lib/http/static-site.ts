import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

/**
 * The console's pages may run only their own files: no inline script or style, no other origin;
 * `connect-src` names where the API is: the page's own origin locally, the API's on CloudFront.
 */
export const consoleCsp = (apiOrigin?: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The headers of every console file; the CSP matters on the HTML, the rest on all. */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': consoleCsp(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  headers: Record<string, string>;
}

/** The built console, by URL path (`/` is its index.html). */
export type StaticSite = ReadonlyMap<string, StaticFile>;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The files of a built console directory, read once at start (a few hundred KB); undefined when the
 * directory has no index.html (not built). Vite's hashed assets are cached for good, the page never.
 */
export async function loadStaticSite(dir: string): Promise<StaticSite | undefined> {
  let paths: string[];
  try {
    paths = await filesUnder(dir);
  } catch {
    return undefined;
  }
  const site = new Map<string, StaticFile>();
  for (const path of paths) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const type = TYPES[extname(path)];
    if (!type) continue;
    const hashed = urlPath.startsWith('/assets/');
    site.set(urlPath, {
      body: await readFile(path),
      headers: {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...CONSOLE_SECURITY_HEADERS,
      },
    });
  }
  const index = site.get('/index.html');
  if (!index) return undefined;
  site.set('/', index);
  // On AWS the stack writes config.json with the API's URL; here the API is the page's own origin.
  if (!site.has('/config.json'))
    site.set('/config.json', {
      body: Buffer.from('{}'),
      headers: {
        'content-type': TYPES['.json'] ?? '',
        'cache-control': 'no-cache',
        ...CONSOLE_SECURITY_HEADERS,
      },
    });
  return site;
}
