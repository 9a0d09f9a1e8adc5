import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../lib/adapters/sqlite/database.js';
import { SqliteKeyStore } from '../../lib/adapters/sqlite/sqlite.key-store.js';
import { SqliteSuppressionList } from '../../lib/adapters/sqlite/sqlite.suppression-list.js';
import { SqliteTenantThroughput } from '../../lib/adapters/sqlite/sqlite.tenant-throughput.js';
import type { Suppression } from '../../lib/domain/suppression.js';
import { makeManageKeys } from '../../lib/services/manage-keys.js';
import { noteAnswer } from '../support/answer-checks.js';
import { builtConsole, launchChromium, screenshot, seriousViolations } from '../support/browser.js';
import { type SpawnedService, spawnService } from '../support/spawned-service.js';

// The console in Debian's Chromium (headless), against the real local server as `npm start` runs it,
// with authentication on. Each test has its own browser context (its own sessionStorage).

let dir: string;
let service: SpawnedService;
let url: string;
let browser: Browser;
let admin: string;
let sender: string;
let suppressor: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'console-'));
  const dbPath = join(dir, 'messages.db');
  // The keys, written to the database before the service opens it (as `npm run keys` does).
  const db = openDatabase(dbPath);
  const keys = makeManageKeys({
    keys: new SqliteKeyStore(db),
    throughput: new SqliteTenantThroughput(),
    clock: () => new Date(),
  });
  const unlimited = { perSecond: null, perDay: null };
  admin = (
    await keys.create({
      name: 'ops-admin',
      tenant: 'acme',
      scopes: ['messages:send', 'messages:read', 'keys:manage'],
      limits: unlimited,
    })
  ).apiKey;
  sender = (
    await keys.create({ name: 'billing', tenant: 'acme', scopes: ['messages:send'], limits: unlimited })
  ).apiKey;
  suppressor = (
    await keys.create({
      name: 'list-admin',
      tenant: 'acme',
      scopes: ['suppressions:manage'],
      limits: unlimited,
    })
  ).apiKey;
  await seedSuppressions(new SqliteSuppressionList(db));
  db.close();
  const [consoleDir] = await Promise.all([
    builtConsole(),
    (async () => (browser = await launchChromium()))(),
  ]);
  service = await spawnService({
    PORT: '0',
    DB_PATH: dbPath,
    AUTH: 'required',
    CONSOLE_DIR: consoleDir,
    LOG_LEVEL: 'warn',
  });
  url = await service.listening;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
});

/** What the API refuses but a store could hold: the console must show it as text all the same. */
const MARKUP = '<img src=x onerror=alert(1)>';
const SEEDED = 27;

/** acme's list: 26 addresses (bounces and complaints from SES) and one entry holding markup; globex's one. */
async function seedSuppressions(list: SqliteSuppressionList) {
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString();
  for (let i = 0; i < SEEDED - 1; i += 1)
    await list.add({
      tenant: 'acme',
      recipient: `s${i}@example.com`,
      channels: ['email'],
      reason: i % 3 === 0 ? 'bounce' : 'complaint',
      source: { provider: 'ses', keyId: null, messageId: `01JMSG${i}` },
      at: at(i),
    });
  await list.add({
    tenant: 'acme',
    recipient: MARKUP,
    channels: ['sms'],
    reason: 'manual',
    source: { provider: null, keyId: `<b>${MARKUP}</b>`, messageId: null },
    at: at(SEEDED),
  });
  await list.add({
    tenant: 'globex',
    recipient: 'theirs@example.com',
    channels: ['email'],
    reason: 'manual',
    source: { provider: null, keyId: null, messageId: null },
    at: at(0),
  });
}

const answers: Promise<void>[] = [];

beforeEach(async () => {
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  // Any dialog (an injected alert()) fails the test that opened it.
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  // The page's calls of the API bypass the tests' fetch: each answer is checked against the
  // OpenAPI document here (the service's answers carry x-request-id; the console's files do not).
  page.on('response', (response) => {
    const headers = response.headers();
    if (!headers['x-request-id']) return;
    answers.push(
      response
        .text()
        .then((body) =>
          noteAnswer(response.request().method(), new URL(response.url()).pathname, {
            status: response.status(),
            headers: new Headers(headers),
            body,
          }),
        )
        // A page closed before its answer's body was read has nothing to check.
        .catch(() => undefined),
    );
  });
});
afterEach(async () => {
  await Promise.all(answers.splice(0));
  await context?.close();
});

const send = (body: Record<string, unknown>, key = admin) =>
  fetch(`${url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify(body),
  });

async function signIn(key = admin, at = '/') {
  await page.goto(`${url}${at}`);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

const rows = () => page.locator('table.messages tbody tr');

describe('the overview', () => {
  it('charts and tables the counts of GET /stats, asked with the key in its header only', async () => {
    expect((await send({ type: 'email', recipient: 'stats@example.com', content: 'counted' })).status).toBe(
      200,
    );
    const asked: { url: string; key: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/stats')
        asked.push({ url: request.url(), key: request.headers()['x-api-key'] });
    });
    await signIn();
    await page.locator('table.counts').waitFor();
    const [first] = asked;
    if (!first) throw new Error('the overview did not ask GET /stats');
    expect(first.key).toBe(admin);
    expect(first.url).not.toContain(admin);
    expect(new URL(first.url).searchParams.get('bucket')).toBe('hour');

    // The table holds what the API answers, summed per channel and status.
    const stats = (await (await fetch(first.url, { headers: { 'x-api-key': admin } })).json()) as {
      items: { channel: string; status: string; count: number }[];
    };
    const expected = new Map<string, number>();
    for (const item of stats.items)
      expected.set(
        `${item.channel} ${item.status}`,
        (expected.get(`${item.channel} ${item.status}`) ?? 0) + item.count,
      );
    expect(expected.get('email sent')).toBeGreaterThan(0);
    const statuses = await page.locator('table.counts thead th').allTextContents();
    for (const row of await page.locator('table.counts tbody tr').all()) {
      const channel = await row.locator('th').textContent();
      const cells = await row.locator('td').allTextContents();
      for (const [i, cell] of cells.entries()) {
        const name = `${channel} ${statuses[i + 1]}`;
        expect(Number(cell), name).toBe(expected.get(name) ?? 0);
      }
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Last 7 days').check();
    await expect
      .poll(() => asked.map((request) => new URL(request.url).searchParams.get('bucket')))
      .toContain('day');
    await page.locator('table.counts').waitFor();
  });
});

describe('signing in', () => {
  it('shows the key name, tenant and scopes, keeps the key in sessionStorage only, and signs out', async () => {
    await signIn();
    const who = page.getByTestId('who');
    await expect.poll(() => who.textContent()).toContain('ops-admin');
    expect(await who.textContent()).toMatch(/tenant acme.*messages:send, messages:read, keys:manage/);
    expect(page.url()).not.toContain(admin);
    expect(await page.evaluate('JSON.stringify(localStorage)')).toBe('{}');
    expect(await page.evaluate('Object.values(sessionStorage)')).toEqual([admin]);
    await screenshot(page, 'overview');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });

  it('answers a wrong key with the sign-in error', async () => {
    await page.goto(url);
    await page.getByLabel('API key').fill(`${admin.slice(0, -4)}AAAA`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('was not accepted');
    await screenshot(page, 'sign-in-error');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('tells a key without messages:read that it cannot open the messages', async () => {
    await signIn(sender, '/#/messages');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('This key cannot open this page');
    expect(await page.locator('main').textContent()).toContain('messages:read');
  });

  it('is reachable by keyboard: sign in, then go to a page through the navigation', async () => {
    await page.goto(url);
    await page.getByLabel('API key').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('api-key');
    await page.keyboard.type(admin);
    await page.keyboard.press('Enter');
    await page.getByTestId('who').waitFor();
    let focused = '';
    for (let tab = 0; tab < 10 && focused !== 'Send'; tab += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>("document.activeElement?.textContent ?? ''");
    }
    expect(focused).toBe('Send');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/#\/send$/);
    await page.getByLabel('Recipient').focus();
    await page.keyboard.type('keyboard@example.com');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab'); // past the subject
    await page.keyboard.type('Typed with the keyboard');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Sent.');
  });
});

describe('sending and following a message', () => {
  it('sends an email, links to it, shows it in the list and in its detail with its events', async () => {
    await signIn(admin, '/#/send');
    await page.getByLabel('Recipient').fill('newcomer@example.com');
    await page.getByLabel('Subject (optional)').fill('Welcome aboard');
    await page.getByLabel('Content').fill('Hello from the console');
    expect(await page.locator('#send-content-hint').textContent()).toBe('22 / 100,000 characters');
    await screenshot(page, 'send');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const link = page.getByRole('link', { name: /Open message/ });
    await link.waitFor();
    const id = (await link.textContent())?.replace('Open message ', '') ?? '';

    await page.goto(`${url}/#/messages?recipient=newcomer%40example.com`);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('Welcome aboard');
    await rows().first().getByRole('link').click();

    await expect.poll(() => page.url()).toContain(`#/messages/${id}`);
    await expect.poll(() => page.locator('.timeline li').count()).toBe(2);
    expect(await page.locator('.timeline li').allTextContents()).toEqual([
      expect.stringContaining('pending'),
      expect.stringContaining('sent'),
    ]);
    const record = await page.locator('dl.record').textContent();
    expect(record).toContain('newcomer@example.com');
    expect(record).toMatch(/Provider message id\s*mock-/);
    expect(JSON.parse((await page.locator('pre.raw').textContent()) ?? '')).toMatchObject({
      id,
      status: 'sent',
    });
    await screenshot(page, 'message-detail');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('resends a failed message, and links the two both ways', async () => {
    const response = await send({ type: 'sms', recipient: '+15005550001', content: 'Resend me' });
    const { message: original } = (await response.json()) as { message: { id: string } };
    await signIn(admin, `/#/messages/${original.id}`);
    await page.getByRole('button', { name: 'Resend' }).click();
    const outcome = page.getByRole('status').filter({ hasText: 'Resent as' });
    await outcome.waitFor();
    const resendId = (await outcome.getByRole('link').textContent()) ?? '';
    expect(resendId).not.toBe(original.id);
    await expect.poll(() => page.locator('dl.record').textContent()).toContain(`Resent as${resendId}`);

    await outcome.getByRole('link').click();
    await expect.poll(() => page.locator('dl.record').textContent()).toContain(`Resend of${original.id}`);
    expect(await page.getByTestId('content').textContent()).toBe('Resend me');
  });

  it("shows the API's field error beside the recipient", async () => {
    await signIn(admin, '/#/send');
    await page.getByLabel('SMS').check();
    await page.getByLabel('Recipient').fill('not-a-number');
    await page.getByLabel('Content').fill('hi');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const error = page.locator('#send-recipient-error');
    await expect.poll(() => error.textContent()).toContain('E.164');
    expect(await page.getByLabel('Recipient').getAttribute('aria-describedby')).toContain(
      'send-recipient-error',
    );
    expect(await page.getByLabel('Recipient').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows markup in a message as text, never as HTML', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const response = await send({
      type: 'email',
      recipient: 'xss@example.com',
      subject: payload,
      content: payload,
    });
    const { id } = (await response.json()) as { id: string };
    await signIn(admin, `/#/messages/${id}`);
    await expect.poll(() => page.getByTestId('content').textContent()).toBe(payload);
    await page.goto(`${url}/#/messages?recipient=xss%40example.com`);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain(payload);
    expect(await page.locator('main img').count()).toBe(0);
  });
});

describe('the messages list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 30; i += 1)
      await send({ type: 'email', recipient: 'paged@example.com', content: `n${i}` });
    for (let i = 0; i < 3; i += 1) await send({ type: 'sms', recipient: '+15005550002', content: 'refused' });
  });

  it('filters by status through the form; the filter is in the URL, and back returns to the whole list', async () => {
    await signIn(admin, '/#/messages');
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    await page.getByLabel('Status').selectOption('failed');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('status=failed');
    // Other tests fail messages too: as many rows as the API has failed messages.
    const failed = (await (
      await fetch(`${url}/messages?status=failed&limit=100`, { headers: { 'x-api-key': admin } })
    ).json()) as { items: unknown[] };
    expect(failed.items.length).toBeGreaterThanOrEqual(3);
    await expect.poll(() => rows().count()).toBe(Math.min(failed.items.length, 25));
    for (const text of await rows().allTextContents()) expect(text).toContain('failed');
    await screenshot(page, 'messages');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goBack();
    await expect.poll(() => rows().count()).toBeGreaterThan(3);
    expect(await page.getByLabel('Status').inputValue()).toBe('');
  });

  it('opens a pasted URL with its filter applied', async () => {
    await signIn();
    await page.goto(`${url}/#/messages?status=failed&type=sms&recipient=%2B15005550002`);
    await expect.poll(() => rows().count()).toBe(3);
    expect(await page.getByLabel('Status').inputValue()).toBe('failed');
    expect(await page.getByLabel('Channel').inputValue()).toBe('sms');
    expect(await page.getByLabel('Recipient', { exact: true }).inputValue()).toBe('+15005550002');
  });

  it('pages past the first page with "Load more", then has no more', async () => {
    await signIn(admin, '/#/messages?recipient=paged%40example.com');
    await expect.poll(() => rows().count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => rows().count()).toBe(30);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const links = await Promise.all(
      (await rows().getByRole('link').all()).map((a) => a.getAttribute('href')),
    );
    expect(new Set(links).size).toBe(30);
  });

  it("exports the filter's messages as CSV, page by page", async () => {
    await signIn(admin, '/#/messages?recipient=paged%40example.com');
    await expect.poll(() => rows().count()).toBe(25);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,createdAt,updatedAt,type,recipient,status/);
    expect(lines).toHaveLength(31);
    expect(lines.slice(1).every((line) => line.includes(',paged@example.com,sent,'))).toBe(true);
  });

  it('says what to do when no message matches', async () => {
    await signIn(admin, '/#/messages?recipient=nobody%40example.com');
    await expect
      .poll(() => page.locator('.empty').textContent())
      .toContain('No message matches these filters');
    expect(await page.getByRole('link', { name: 'Clear the filters' }).count()).toBe(1);
  });

  it('offers to read on when an empty page has a next cursor', async () => {
    // What DynamoDB's bounded read of a rare status answers (SQLite never does): no item, more pages.
    const cursor = Buffer.from(
      JSON.stringify(['2099-01-01T00:00:00.000Z', '01JDQ7Y3ZK8W6V5T4S3R2Q1P0N']),
    ).toString('base64url');
    const asked: string[] = [];
    await page.route(/\/messages\?/, async (route) => {
      asked.push(route.request().url());
      if (asked.length === 1) await route.fulfill({ json: { items: [], nextCursor: cursor } });
      else await route.continue();
    });
    await signIn(admin, '/#/messages?status=sent');
    await expect.poll(() => page.locator('.empty').textContent()).toContain('Load more to look further back');
    await screenshot(page, 'messages-empty-page-with-cursor');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => asked.length).toBe(2);
    expect(new URL(asked[1] ?? '').searchParams.get('cursor')).toBe(cursor);
    expect(new URL(asked[1] ?? '').searchParams.get('status')).toBe('sent');
  });
});

describe('the keys page', () => {
  it('creates a key, shows its secret once, and revokes it after a confirmation', async () => {
    await signIn(admin, '/#/keys');
    await page.getByLabel('Name').fill('reports');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = page.getByTestId('new-secret');
    await expect.poll(() => secret.textContent()).toMatch(/^msk_/);
    const apiKey = (await secret.textContent()) ?? '';
    expect(await page.getByRole('alert').textContent()).toContain('shown this once only');
    await screenshot(page, 'keys');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await fetch(`${url}/messages`, { headers: { 'x-api-key': apiKey } })).status).toBe(200);

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('new-secret').count()).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Revoke reports' }).waitFor();
    expect(await page.content()).not.toContain(apiKey);

    await page.getByRole('button', { name: 'Revoke reports' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    const row = page.locator('table.keys tr', { hasText: 'reports' });
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect((await fetch(`${url}/messages`, { headers: { 'x-api-key': apiKey } })).status).toBe(401);
  });
});

describe('the suppressions page', () => {
  const entryRows = () => page.locator('table.suppressions tbody tr');
  /** The text of every cell of the table, row by row. */
  const cells = async () =>
    Promise.all((await entryRows().all()).map((row) => row.locator('td').allTextContents()));
  const listed = async (query = '') =>
    (
      (await (
        await fetch(`${url}/suppressions?limit=100${query}`, { headers: { 'x-api-key': suppressor } })
      ).json()) as { items: Omit<Suppression, 'tenant'>[] }
    ).items;
  /** Each entry's cells as the page should show them (the times in this browser's locale). */
  const expectRows = async (items: Omit<Suppression, 'tenant'>[]) => {
    const shown = await cells();
    expect(shown).toHaveLength(items.length);
    for (const [i, entry] of items.entries()) {
      const row = shown[i] ?? [];
      const time = (iso: string) =>
        page.evaluate(
          (value) => new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
          iso,
        );
      expect(row.slice(0, 3)).toEqual([entry.recipient, entry.channels.join(', '), entry.reason]);
      for (const part of Object.values(entry.source)) if (part) expect(row[3]).toContain(part);
      expect(row.slice(4, 6)).toEqual([await time(entry.createdAt), await time(entry.updatedAt)]);
    }
  };

  it('shows each entry as the API lists it, page by page, filtered through the form and the URL; the key in its header only', async () => {
    const asked: { url: string; key: string | undefined }[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/suppressions'))
        asked.push({ url: request.url(), key: request.headers()['x-api-key'] });
    });
    await signIn(suppressor, '/#/suppressions');
    await expect.poll(() => entryRows().count()).toBe(25);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => entryRows().count()).toBe(SEEDED);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    const all = await listed();
    expect(all).toHaveLength(SEEDED);
    await expectRows(all);
    expect(await page.locator('main').textContent()).not.toContain('theirs@example.com');
    await screenshot(page, 'suppressions');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Channel').selectOption('email');
    await page.getByLabel('Reason', { exact: true }).first().selectOption('bounce');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('channel=email&reason=bounce');
    const bounces = await listed('&channel=email&reason=bounce');
    expect(bounces.length).toBe(9);
    await expect.poll(() => entryRows().count()).toBe(bounces.length);
    await expectRows(bounces);

    await page.goto(`${url}/#/suppressions?recipient=s4%40example.com`);
    await expect.poll(() => entryRows().count()).toBe(1);
    await expectRows(await listed('&recipient=s4%40example.com'));
    expect(asked.length).toBeGreaterThan(2);
    for (const request of asked) {
      expect(request.key).toBe(suppressor);
      expect(request.url).not.toContain(suppressor);
    }
  });

  it('adds an entry, shows the field error of a bad recipient, and lifts an entry after a confirmation', async () => {
    await signIn(suppressor, '/#/suppressions');
    await entryRows().first().waitFor();
    await page.getByLabel('Recipient', { exact: true }).last().fill('not a number');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expect
      .poll(() => page.locator('#suppress-recipient-error').textContent())
      .toBe('must be an email address or an E.164 phone number');

    await page.getByLabel('Recipient', { exact: true }).last().fill('+1 415 555 0142');
    await page.getByRole('checkbox', { name: 'sms' }).check();
    await page.locator('#suppress-reason').selectOption('complaint');
    await page.getByRole('button', { name: 'Suppress' }).click();
    await expect
      .poll(() => page.getByTestId('suppressed').textContent())
      .toBe('Suppressed +14155550142 on sms.');
    expect(await listed('&recipient=%2B14155550142')).toMatchObject([
      { recipient: '+14155550142', channels: ['sms'], reason: 'complaint', source: { provider: null } },
    ]);
    const row = entryRows().filter({ hasText: '+14155550142' });
    await expect.poll(() => row.count()).toBe(1);

    await page.getByRole('button', { name: 'Lift +14155550142' }).click();
    await page.getByRole('button', { name: 'Yes, lift' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await listed('&recipient=%2B14155550142')).toEqual([]);
  });

  it('shows a recipient and a source holding markup as text, never as HTML', async () => {
    await signIn(suppressor, '/#/suppressions');
    const row = entryRows().filter({ hasText: MARKUP });
    await expect.poll(() => row.count()).toBe(1);
    const [recipient, , , source] = await row.locator('td').allTextContents();
    expect(recipient).toBe(MARKUP);
    expect(source).toBe(`key <b>${MARKUP}</b>`);
    expect(await page.locator('main img, main b').count()).toBe(0);
  });

  it('tells a key without suppressions:manage that it cannot open the page', async () => {
    await signIn(sender, '/#/suppressions');
    await expect.poll(() => page.locator('main').textContent()).toContain('suppressions:manage');
    expect(await page.locator('table.suppressions').count()).toBe(0);
  });
});

describe('with authentication off', () => {
  it('opens without a key, as the default tenant', async () => {
    const open = await spawnService({
      PORT: '0',
      DB_PATH: join(dir, 'open.db'),
      CONSOLE_DIR: await builtConsole(),
      LOG_LEVEL: 'warn',
    });
    try {
      await page.goto(`${await open.listening}/#/messages`);
      await expect
        .poll(() => page.getByTestId('who').textContent())
        .toContain('Authentication off · tenant default');
      expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
      expect(await page.locator('.empty').textContent()).toContain('No message has been sent yet');
    } finally {
      await open.kill('SIGTERM');
    }
  });
});

describe('what the local host serves', () => {
  it('serves the page at / with a CSP that allows no inline script, and the API beside it', async () => {
    const response = await fetch(`${url}/`);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await response.text()).not.toMatch(/<script(?![^>]*\ssrc=)/);
    const api = await fetch(`${url}/messages`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});
