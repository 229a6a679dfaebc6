import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LaunchedServiceOffline,
  launchServiceOffline,
  type RunningServiceOffline,
} from '../src/offline/serverless-offline.js';
import { freePort } from '../src/process/free-port.js';
import { loadServiceConfig, serverlessCli } from '../src/templates/service-config.js';

// serverless-offline as patched in patches/serverless-offline@14.8.2.patch: at most
// `maxConcurrencyPerFunction` instances of a function, the others wait in line; a hot reload that
// keeps the idle-instance cleaner running and lets busy instances finish; and the resolved
// configuration written before the functions are built.
const FIXTURE = fileURLToPath(new URL('./fixtures/offline-instances', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
// The fixture has no node_modules of its own: the package's CLI finds the plugin above it.
const CLI = serverlessCli(PACKAGE_DIR);
const LIMIT = 2;
const IDLE_SECONDS = 1;

interface HoldAnswer {
  status: number;
  instance: string;
  started: number;
  ended: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serverless-offline runs a bounded number of instances per function', () => {
  let offline: LaunchedServiceOffline;
  let running: RunningServiceOffline;

  const hold = async (ms = 300): Promise<HoldAnswer> => {
    const response = await fetch(`${running.url}/hold?ms=${ms}`);
    return { status: response.status, ...((await response.json()) as Omit<HoldAnswer, 'status'>) };
  };
  /** What serverless-esbuild does after a rebuild, through the fixture's reload-on-signal plugin. */
  const announceNewCode = async () => {
    process.kill(running.pid ?? 0, 'SIGUSR2');
    await sleep(200);
  };

  beforeAll(async () => {
    offline = launchServiceOffline({
      serviceDir: FIXTURE,
      cli: CLI,
      httpPort: await freePort(),
      lambdaPort: await freePort(),
      concurrencyPerFunction: LIMIT,
      idleInstanceSeconds: IDLE_SECONDS,
    });
    running = await offline.ready;
  }, 60_000);

  afterAll(async () => {
    await offline?.stop();
  });

  it('makes concurrent invocations beyond the limit wait for a free instance, and answers them all', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => hold()));

    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    expect(new Set(answers.map((answer) => answer.instance)).size).toBeLessThanOrEqual(LIMIT);
    // Never more than LIMIT invocations ran at the same moment: the others waited in line.
    const mostAtOnce = Math.max(
      ...answers.map(
        ({ started }) => answers.filter((other) => other.started <= started && started < other.ended).length,
      ),
    );
    expect(mostAtOnce).toBe(LIMIT);
  });

  it('lets an invocation in flight during a hot reload finish on its instance', async () => {
    const inFlight = hold(1500);
    await sleep(400);

    await announceNewCode();

    await expect(inFlight).resolves.toMatchObject({ status: 200 });
  });

  it('after a hot reload, serves from a fresh instance and still stops instances left idle', async () => {
    const before = await hold(10);

    await announceNewCode();
    const afterReload = await hold(10);
    // The cleaner runs every IDLE_SECONDS and stops an instance idle that long.
    await sleep(IDLE_SECONDS * 2500);
    const afterIdle = await hold(10);

    expect(afterReload.instance).not.toBe(before.instance);
    expect(afterIdle.instance).not.toBe(afterReload.instance);
  });

  it('writes the configuration it resolved, the same `serverless print` shows', async () => {
    const printed = await loadServiceConfig(FIXTURE, 'local', CLI);

    expect(await offline.resolvedConfig).toEqual(printed);
  }, 30_000);
});
