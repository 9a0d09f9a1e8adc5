import type { Container } from '../lib/container.js';
import type { LocalRoute } from '../lib/http/local-server.js';
import * as getMessage from './get-message.js';
import * as listMessages from './list-messages.js';
import * as sendMessage from './send-message.js';

/** The API's routes and the function behind each: what API Gateway maps, and what the local server serves. */
export const routes = (deps: () => Container): LocalRoute[] => [
  { method: 'POST', path: '/sendMessage', handler: sendMessage.createHandler(deps) },
  { method: 'GET', path: '/messages', handler: listMessages.createHandler(deps) },
  { method: 'GET', path: '/messages/{id}', handler: getMessage.createHandler(deps) },
];
