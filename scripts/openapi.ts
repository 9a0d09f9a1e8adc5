import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText } from '../lib/openapi/document.js';
import { clientTypesText } from './openapi-client-types.js';

// npm run openapi: writes docs/openapi.json (what GET /openapi.json serves) and the client's types
// generated from it (client/src/schema.ts). A test fails while either is stale.
const root = join(import.meta.dirname, '..');
const text = openApiText();
writeFileSync(join(root, 'docs', 'openapi.json'), text);
writeFileSync(join(root, 'client', 'src', 'schema.ts'), await clientTypesText(text));
process.stdout.write('wrote docs/openapi.json and client/src/schema.ts\n');
