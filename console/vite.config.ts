import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/** The console's build: static files with relative URLs, so that any host can serve them at any path. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // Preact's automatic JSX runtime (no React, no preset plugin needed).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, '..', 'dist', 'console'),
    emptyOutDir: true,
    sourcemap: true,
    // One stylesheet and module script per page, no inline script (the pages' CSP allows none).
    modulePreload: { polyfill: false },
  },
  logLevel: 'warn',
});
