import type { Config } from '../lib/config.js';
import { type ContainerOverrides, createContainer } from '../lib/container.js';
import { startLocalServer } from '../lib/http/local-server.js';
import { routes } from './routes.js';

/** The whole service in this process: container, handlers and local HTTP server. */
export async function startLocalService(config: Readonly<Config>, overrides: ContainerOverrides = {}) {
  const container = createContainer(config, overrides);
  try {
    const server = await startLocalServer({
      routes: routes(() => container),
      host: config.host,
      port: config.port,
      logger: container.logger,
    });
    return {
      url: server.url,
      container,
      /** In-flight requests finish, then the log is closed. */
      async close() {
        await server.close();
        await container.close();
      },
    };
  } catch (error) {
    await container.close();
    throw error;
  }
}
