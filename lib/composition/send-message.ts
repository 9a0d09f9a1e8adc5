import type { ProviderPlan } from '../channels/catalog.js';
import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import type { IdempotencyDeps } from '../http/middlewares/idempotency.js';
import {
  makeResendMessage,
  makeSendMessage,
  type ResendMessage,
  type SendMessage,
} from '../services/send-message.js';
import { clock, logger, metrics, newId, routeBasics } from './basics.js';
import { idempotencyStore } from './idempotency.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';
import { providerRegistry } from './providers.js';
import { messageQueue } from './queue.js';
import { authorizationDeps } from './route-auth.js';
import { suppressionGate } from './suppressions.js';
import { renderTemplate } from './templates.js';

export interface SendDeps extends RouteDeps, AuthorizationDeps, IdempotencyDeps {
  sendMessage: SendMessage;
  resendMessage: ResendMessage;
}

/**
 * POST /sendMessage and POST /messages/{id}/resend: the log, the providers, the queue, the
 * idempotency answers, the key checks, the templates (read only).
 */
export function sendDeps(parts: Parts, plan: ProviderPlan): SendDeps {
  const { service } = parts.settings;
  const sendMessage = parts.once('sendMessage', () =>
    makeSendMessage({
      log: messageLog(parts),
      providers: providerRegistry(parts, plan),
      clock: clock(parts),
      newId: newId(parts),
      logger: logger(parts),
      defaultSubject: service.defaultSubject,
      logContent: service.logContent,
      providerTimeoutMs: service.providerTimeoutMs,
      queue: messageQueue(parts),
      mode: service.delivery.mode,
      metrics: metrics(parts),
      renderTemplate: renderTemplate(parts),
      suppressions: suppressionGate(parts),
    }),
  );
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    idempotency: idempotencyStore(parts),
    sendMessage,
    resendMessage: parts.once('resendMessage', () =>
      makeResendMessage({ log: messageLog(parts), sendMessage }),
    ),
  };
}
