import type { Container } from '../lib/container.js';
import type { LocalRoute } from '../lib/http/local-server.js';
import * as getMessage from './get-message.js';
import * as listMessageEvents from './list-message-events.js';
import * as listMessages from './list-messages.js';
import * as manageKeys from './manage-keys.js';
import * as receiveReceipt from './receive-receipt.js';
import * as sendMessage from './send-message.js';

/** The API's routes and the function behind each: what API Gateway maps, and what the local server serves. */
export const routes = (deps: () => Container): LocalRoute[] => {
  // One function takes every provider's callbacks; it tells them apart by path.
  const receipts = receiveReceipt.createHandler(deps);
  const keys = manageKeys.createHandler(deps);
  return [
    { method: 'POST', path: '/sendMessage', handler: sendMessage.createHandler(deps) },
    { method: 'GET', path: '/messages', handler: listMessages.createHandler(deps) },
    { method: 'GET', path: '/messages/{id}', handler: getMessage.createHandler(deps) },
    { method: 'GET', path: '/messages/{id}/events', handler: listMessageEvents.createHandler(deps) },
    { method: 'POST', path: '/keys', handler: keys },
    { method: 'GET', path: '/keys', handler: keys },
    { method: 'DELETE', path: '/keys/{id}', handler: keys },
    { method: 'POST', path: '/webhooks/twilio', handler: receipts },
    { method: 'GET', path: '/webhooks/meta', handler: receipts },
    { method: 'POST', path: '/webhooks/meta', handler: receipts },
    { method: 'POST', path: '/webhooks/ses', handler: receipts },
  ];
};
