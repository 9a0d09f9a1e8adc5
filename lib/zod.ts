// The service's zod: the functional API (`zod/mini`), the same validator and messages as `zod` itself.
// The classic API puts some fifty methods on every schema it builds; a cold start builds its
// schemas and parses them once, which took three times as long with it (docs/performance.md).
// zod/mini leaves its English messages to the caller to register: done once, here.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
