// `npm run keys -- <command>`: manages API keys in the configured store (SQLite at DB_PATH, or the
// DynamoDB table KEYS_TABLE_NAME with LOG_STORE=dynamodb; TABLE_NAME too, whose layout item a new key's
// rate may set).
//   create --name billing --tenant acme --scopes messages:send[,messages:read] [--per-second 10] [--per-day 50000]
//   list [--tenant acme]
//   revoke <id>
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../lib/config.js';
import { AppError } from '../lib/domain/errors.js';
import { createContainer } from '../lib/host/container.js';
import { createLogger } from '../lib/logger.js';

const USAGE = `usage: npm run keys -- create --name <name> --tenant <tenant> --scopes <scope,...> [--per-second n] [--per-day n]
       npm run keys -- list [--tenant <tenant>]
       npm run keys -- revoke <id>
scopes: messages:send, messages:read, keys:manage`;

const limit = (value: string | undefined) => {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`a limit must be a whole number from 1, or "none": ${value}`);
  return n;
};

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      tenant: { type: 'string' },
      scopes: { type: 'string' },
      'per-second': { type: 'string' },
      'per-day': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  const config = await loadConfig(process.env);
  // Without its table the DynamoDB key store would be an empty stand-in: refuse, do not answer "no key".
  if (config.store.kind === 'dynamodb' && !config.store.keysTableName) {
    throw new ConfigError('KEYS_TABLE_NAME: required to manage keys on DynamoDB');
  }
  // The worker must not start here: a container only, no local service.
  const container = createContainer(config, { logger: createLogger({ level: 'silent' }) });
  const keys = container.manageKeys;
  try {
    switch (command) {
      case 'create': {
        const perSecond = limit(values['per-second']);
        const perDay = limit(values['per-day']);
        const created = await keys.create({
          name: values.name ?? '',
          tenant: values.tenant ?? '',
          scopes: (values.scopes ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean) as never,
          limits: {
            ...(perSecond !== undefined ? { perSecond } : {}),
            ...(perDay !== undefined ? { perDay } : {}),
          },
        });
        console.log(JSON.stringify(created.key, null, 2));
        console.error('\nThe API key (shown only now; store it as a secret):');
        console.log(created.apiKey);
        return 0;
      }
      case 'list': {
        for (const key of await keys.list(values.tenant)) console.log(JSON.stringify(key));
        return 0;
      }
      case 'revoke': {
        const id = rest[0];
        const revoked = id ? await keys.revoke(id) : undefined;
        if (!revoked) {
          console.error(id ? `No key with id ${id}` : USAGE);
          return 1;
        }
        console.log(JSON.stringify(revoked));
        return 0;
      }
      default:
        console.error(USAGE);
        return 1;
    }
  } finally {
    await container.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof AppError) {
      console.error(
        `${error.message}: ${(error.details ?? []).map((d) => `${d.field} ${d.message}`).join('; ')}`,
      );
    } else console.error(error instanceof ConfigError || error instanceof TypeError ? error.message : error);
    process.exit(1);
  },
);
