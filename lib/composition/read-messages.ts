import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import {
  type GetMessage,
  type ListEvents,
  type ListMessages,
  makeGetMessage,
  makeListEvents,
  makeListMessages,
} from '../services/read-messages.js';
import { routeBasics } from './basics.js';
import { messageLog } from './message-log.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';

export interface ReadDeps extends RouteDeps, AuthorizationDeps {
  getMessage: GetMessage;
  listMessages: ListMessages;
  listEvents: ListEvents;
}

/** GET /messages, /messages/{id}, /messages/{id}/events: the log, read; the key checks. */
export function readDeps(parts: Parts): ReadDeps {
  const log = messageLog(parts);
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    getMessage: parts.once('getMessage', () => makeGetMessage(log)),
    listMessages: parts.once('listMessages', () => makeListMessages(log)),
    listEvents: parts.once('listEvents', () => makeListEvents(log)),
  };
}
