import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_PREFIX, parseApiKey } from '../../lib/auth/api-key-secret.js';
import { startTestService, type TestService } from '../support/service.js';

// `npm run keys -- <command>` as an operator runs it: a child process with only PATH and DB_PATH, on
// the database a service started with AUTH=required reads.

let dir: string;
let dbPath: string;
let service: TestService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keys-command-'));
  dbPath = join(dir, 'data', 'messages.db');
});
afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs scripts/keys.ts with `args`; never rejects: answers the exit code and both outputs. */
function keys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/keys.ts', ...args],
      { env: { PATH: process.env.PATH ?? '', DB_PATH: dbPath }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const SMS = { type: 'sms', recipient: '+14155550123', content: 'Your code is 123456' };
const send = (apiKey: string) =>
  fetch(`${service.url}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(SMS),
  });

/** The stored hash of a key, read from the table itself. */
function storedHash(id: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT hash FROM api_keys WHERE id = ?').pluck().get(id) as string;
  } finally {
    db.close();
  }
}

describe('npm run keys', () => {
  let apiKey: string;
  let id: string;

  it('creates a key, prints it once, and the service takes it', async () => {
    const created = await keys(
      'create',
      '--name',
      'billing',
      '--tenant',
      'acme',
      '--scopes',
      'messages:send',
    );

    expect(created.stderr).toContain('shown only now');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    apiKey = lines.at(-1) ?? '';
    expect(apiKey.startsWith(KEY_PREFIX)).toBe(true);
    const parsed = parseApiKey(apiKey);
    expect(parsed).toBeDefined();
    const shown = JSON.parse(lines.slice(0, -1).join('\n')) as Record<string, unknown>;
    expect(shown).toMatchObject({
      id: parsed?.id,
      name: 'billing',
      tenant: 'acme',
      scopes: ['messages:send'],
      revokedAt: null,
    });
    expect(shown).not.toHaveProperty('hash');
    id = String(shown.id);
    expect(created.stdout).not.toContain(storedHash(id));

    service = await startTestService({ dbPath, env: { AUTH: 'required' } });
    const response = await send(apiKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'sent', recipient: SMS.recipient });
    // Its scope is send only.
    const list = await fetch(`${service.url}/messages`, { headers: { 'x-api-key': apiKey } });
    expect(list.status).toBe(403);
  });

  it('lists keys without any hash or secret', async () => {
    const second = await keys(
      'create',
      '--name',
      'reports',
      '--tenant',
      'globex',
      '--scopes',
      'messages:read',
    );
    expect(second.code).toBe(0);

    const listed = await keys('list');

    expect(listed.code).toBe(0);
    const rows = listed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => [row.name, row.tenant])).toEqual([
      ['billing', 'acme'],
      ['reports', 'globex'],
    ]);
    for (const row of rows) {
      expect(row).not.toHaveProperty('hash');
      expect(listed.stdout).not.toContain(storedHash(String(row.id)));
    }
    expect(listed.stdout).not.toContain(parseApiKey(apiKey)?.secret);
    expect(listed.stdout).not.toContain(apiKey);

    const acmeOnly = await keys('list', '--tenant', 'acme');
    expect(acmeOnly.code).toBe(0);
    expect(acmeOnly.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(acmeOnly.stdout)).toMatchObject({ id, tenant: 'acme' });
  });

  it('revokes a key: the service refuses it from then on', async () => {
    const revoked = await keys('revoke', id);

    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ id, revokedAt: expect.any(String) });
    expect(revoked.stdout).not.toContain(storedHash(id));
    const response = await send(apiKey);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses to manage keys on DynamoDB without KEYS_TABLE_NAME, rather than find none', async () => {
    const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'scripts/keys.ts', 'revoke', 'abcdefghijklm'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            LOG_STORE: 'dynamodb',
            TABLE_NAME: 'messages',
            AWS_REGION: 'us-east-1',
          },
          timeout: 15_000,
        },
        (error, _stdout, stderr) =>
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, stderr }),
      );
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('KEYS_TABLE_NAME');
  });

  it('fails with exit code 1 naming an unknown id to revoke', async () => {
    const result = await keys('revoke', 'nosuchkey0000');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nosuchkey0000');
  });
});

describe('npm run keys with bad input', () => {
  let before: string;
  beforeAll(async () => {
    before = (await keys('list')).stdout;
    expect(before.trim().split('\n')).toHaveLength(2);
  });

  // Each case is its own process, one after the other: side by side on a small machine, their
  // start-ups alone outlasted the kill timeout.
  it.for<[string, string[], RegExp]>([
    [
      'a tenant with upper case',
      ['create', '--name', 'billing', '--tenant', 'Acme', '--scopes', 'messages:send'],
      /tenant must be .*lower-case/,
    ],
    [
      'an unknown scope',
      ['create', '--name', 'billing', '--tenant', 'acme', '--scopes', 'messages:delete'],
      /scopes.*expected one of/,
    ],
    ['no scope', ['create', '--name', 'billing', '--tenant', 'acme'], /scopes must name at least one/],
    ['no name', ['create', '--tenant', 'acme', '--scopes', 'messages:send'], /name must not be empty/],
    [
      'a limit that is not a number',
      ['create', '--name', 'b', '--tenant', 'acme', '--scopes', 'messages:send', '--per-second', 'lots'],
      /limit must be a whole number.*lots/,
    ],
    ['no command', [], /^usage: npm run keys -- create/m],
    ['an unknown command', ['delete'], /^usage: npm run keys -- create/m],
    ['revoke without an id', ['revoke'], /^usage: npm run keys -- create/m],
    ['an unknown option', ['list', '--everything'], /Unknown option '--everything'/],
  ])(
    'fails with exit code 1 and a message naming the problem for %s',
    { timeout: 40_000 },
    async ([, args, problem], { expect }) => {
      const result = await keys(...args);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(problem);
      expect(result.stdout).not.toContain(KEY_PREFIX);
    },
  );

  it('created nothing on any of them', async () => {
    expect((await keys('list')).stdout).toBe(before);
  });
});
