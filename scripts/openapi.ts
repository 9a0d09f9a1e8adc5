import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText, servedModuleText } from '../lib/openapi/document.js';
import { clientTypesText } from './openapi-client-types.js';

// npm run openapi: writes docs/openapi.json, the same minified for GET /openapi.json to serve
// (lib/openapi/served.ts), and the client's types generated from it (client/src/schema.ts). A test
// fails while any is stale.
const root = join(import.meta.dirname, '..');
const text = openApiText();
writeFileSync(join(root, 'docs', 'openapi.json'), text);
writeFileSync(join(root, 'lib', 'openapi', 'served.ts'), servedModuleText());
writeFileSync(join(root, 'client', 'src', 'schema.ts'), await clientTypesText(text));
process.stdout.write('wrote docs/openapi.json, lib/openapi/served.ts and client/src/schema.ts\n');
