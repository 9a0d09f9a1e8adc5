import type { RouteDeps } from '../http/api-handler.js';
import type { AuthorizationDeps } from '../http/middlewares/authorization.js';
import { type ManageTemplates, makeManageTemplates } from '../services/manage-templates.js';
import { clock, routeBasics } from './basics.js';
import type { Parts } from './parts.js';
import { authorizationDeps } from './route-auth.js';
import { templateCache, templateStore } from './templates.js';

export interface TemplatesDeps extends RouteDeps, AuthorizationDeps {
  manageTemplates: ManageTemplates;
}

/** /templates: the templates store, managed; the key checks. */
export function templatesDeps(parts: Parts): TemplatesDeps {
  return {
    ...routeBasics(parts),
    ...authorizationDeps(parts),
    manageTemplates: parts.once('manageTemplates', () =>
      makeManageTemplates({
        templates: templateStore(parts),
        clock: clock(parts),
        changed: (tenant, name) => templateCache(parts).forget(tenant, name),
      }),
    ),
  };
}
