import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedServiceOffline, launchServiceOffline } from '../src/offline/serverless-offline.js';
import { freePort } from '../src/process/free-port.js';
import { loadServiceConfig, serverlessCli } from '../src/templates/service-config.js';

// serverless-offline as patched in patches/serverless-offline@14.8.2.patch: at most
// `maxConcurrencyPerFunction` instances of a function, the others wait in line; and the resolved
// configuration written before the functions are built.
const FIXTURE = fileURLToPath(new URL('./fixtures/offline-instances', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const LIMIT = 2;

describe('serverless-offline runs a bounded number of instances per function', () => {
  let offline: LaunchedServiceOffline;
  let url: string;

  beforeAll(async () => {
    offline = launchServiceOffline({
      serviceDir: FIXTURE,
      // The fixture has no node_modules of its own: the package's CLI finds the plugin above it.
      cli: serverlessCli(PACKAGE_DIR),
      httpPort: await freePort(),
      lambdaPort: await freePort(),
      concurrencyPerFunction: LIMIT,
    });
    url = (await offline.ready).url;
  }, 60_000);

  afterAll(async () => {
    await offline?.stop();
  });

  it('makes concurrent invocations beyond the limit wait for a free instance, and answers them all', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const response = await fetch(`${url}/hold`);
        return {
          status: response.status,
          ...((await response.json()) as { instance: string; started: number; ended: number }),
        };
      }),
    );

    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(new Set(answers.map((answer) => answer.instance)).size).toBeLessThanOrEqual(LIMIT);
    // Never more than LIMIT invocations ran at the same moment.
    const mostAtOnce = Math.max(
      ...answers.map(
        ({ started }) => answers.filter((other) => other.started <= started && started < other.ended).length,
      ),
    );
    expect(mostAtOnce).toBeLessThanOrEqual(LIMIT);
  });

  it('writes the configuration it resolved, the same `serverless print` shows', async () => {
    const printed = await loadServiceConfig(FIXTURE, 'local');

    expect(await offline.resolvedConfig).toEqual(printed);
  }, 30_000);
});
