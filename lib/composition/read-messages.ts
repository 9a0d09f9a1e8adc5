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

type ReadBase = RouteDeps & AuthorizationDeps;
export type GetMessageDeps = ReadBase & { getMessage: GetMessage };
export type ListMessagesDeps = ReadBase & { listMessages: ListMessages };
export type ListEventsDeps = ReadBase & { listEvents: ListEvents };
export type ReadDeps = GetMessageDeps & ListMessagesDeps & ListEventsDeps;

const readBase = (parts: Parts): ReadBase => ({
  ...routeBasics(parts),
  ...authorizationDeps(parts),
});

// One builder per read function: only the list validates a recipient filter, and the phone
// metadata that takes is most of a read bundle (docs/performance.md).

/** GET /messages/{id}: the log, read; the key checks. */
export function getMessageDeps(parts: Parts): GetMessageDeps {
  return {
    ...readBase(parts),
    getMessage: parts.once('getMessage', () => makeGetMessage(messageLog(parts))),
  };
}

/** GET /messages */
export function listMessagesDeps(parts: Parts): ListMessagesDeps {
  return {
    ...readBase(parts),
    listMessages: parts.once('listMessages', () => makeListMessages(messageLog(parts))),
  };
}

/** GET /messages/{id}/events */
export function listEventsDeps(parts: Parts): ListEventsDeps {
  return {
    ...readBase(parts),
    listEvents: parts.once('listEvents', () => makeListEvents(messageLog(parts))),
  };
}

/** Every read route's dependencies, for a host that serves them all. */
export function readDeps(parts: Parts): ReadDeps {
  return { ...getMessageDeps(parts), ...listMessagesDeps(parts), ...listEventsDeps(parts) };
}
