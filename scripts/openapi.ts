import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiText } from '../lib/openapi/document.js';

// npm run openapi: writes docs/openapi.json, the document GET /openapi.json serves.
const target = join(import.meta.dirname, '..', 'docs', 'openapi.json');
writeFileSync(target, openApiText());
process.stdout.write(`wrote ${target}\n`);
