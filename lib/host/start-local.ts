// `npm start`: the service on http://127.0.0.1:5000 (HOST/PORT), logging to SQLite (DB_PATH).
import { ConfigError, loadConfig } from '../config.js';
import { resolveSecretReferences } from '../secrets.js';
import { startLocalService } from './local-service.js';

try {
  const config = await loadConfig(await resolveSecretReferences(process.env));
  const service = await startLocalService(config);
  const log = config.store.kind === 'sqlite' ? config.store.path : `DynamoDB table ${config.store.tableName}`;
  const auth =
    config.auth === 'required' ? 'API keys required' : 'authentication off (AUTH=required turns it on)';
  service.container.logger.info('listening', { url: service.url, log, auth: config.auth });
  console.error(`Messaging service listening on ${service.url} (log: ${log}; ${auth}); Ctrl+C stops it`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.container.logger.info('stopping', { signal });
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Stopping failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
