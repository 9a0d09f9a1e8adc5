import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildConsole } from '../../scripts/build-console.js';

/** Debian's Chromium (`apt-get install chromium`), as CI installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });

const ROOT = join(import.meta.dirname, '..', '..');

// The console as `npm start` builds it, once per test process, inside the project (ignored by git).
let built: Promise<string> | undefined;
export const builtConsole = (): Promise<string> =>
  (built ??= buildConsole(
    join(
      ROOT,
      'node_modules',
      '.cache',
      'messaging-console',
      `console-${process.env.VITEST_POOL_ID ?? process.pid}`,
    ),
  ));

/** Where the tests write their screenshots (ignored by git): one per page, for a reviewer. */
export const SCREENSHOTS = join(ROOT, 'test-results', 'console');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(({ id, impact, help }) => ({ id, impact: impact ?? '', help }));
}
