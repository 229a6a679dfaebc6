import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requestToken, startDocsServer } from '@eshop/local-cloud';
import { committedApiDocuments, localCloud } from '@eshop/local-cloud/testing';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The API reference page as `pnpm dev` serves it, in Debian's headless chromium (never a browser
// downloaded by playwright: there is no network). Missing chromium fails the test on purpose.
const outputDir = fileURLToPath(new URL('../test-output/', import.meta.url));
const chromiumPath = (): string => {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('Debian chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH)');
  }
};

const { services, issuer } = localCloud();
const documents = committedApiDocuments();
let browser: Browser | undefined;
let docs: Awaited<ReturnType<typeof startDocsServer>>;

beforeAll(async () => {
  docs = await startDocsServer({
    host: '127.0.0.1',
    port: 0,
    apis: Object.entries(services).map(([name, baseUrl]) => ({ name, baseUrl })),
  });
});

afterAll(async () => {
  await browser?.close();
  await docs?.stop();
});

describe('the API reference page', () => {
  it('lists every operation of the three services, and "try it" reaches the local services with a pasted token', async () => {
    // Launched in the test, not a hook: without chromium this test fails rather than being skipped.
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(docs.url);

    for (const [service, document] of Object.entries(documents)) {
      for (const [path, operations] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(operations)) {
          const block = page.locator(
            `#ui-${service} #operations-${operation.tags[0]}-${operation.operationId}`,
          );
          await block.waitFor({ timeout: 30_000 });
          await expect(block.locator('.opblock-summary-method').textContent()).resolves.toBe(
            method.toUpperCase(),
          );
          await expect(block.locator('.opblock-summary-path').getAttribute('data-path')).resolves.toBe(path);
        }
      }
    }

    // Paste a token, then try GET /basket/{userName} from the page: a cross-origin call with a bearer.
    await page.fill('#token', await requestToken(issuer, 'swn'));
    await page.click('#authorize');
    const getBasket = page.locator('#ui-basket #operations-basket-getBasket');
    await getBasket.locator('.opblock-summary').click();
    await getBasket.locator('.try-out__btn').click();
    await getBasket.locator('input[placeholder="userName"]').fill('swn');
    await getBasket.locator('.execute').click();
    const status = getBasket.locator('.live-responses-table tr.response .response-col_status').first();
    await expect(status.textContent({ timeout: 30_000 })).resolves.toMatch(/^\s*200/);

    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: `${outputDir}docs-page.png`, fullPage: true });
  });
});
