import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServiceOffline, startServiceOffline } from '../src/offline/serverless-offline.js';
import { freePort } from '../src/process/free-port.js';
import { serverlessCli } from '../src/templates/service-config.js';

// serverless-offline as patched in patches/serverless-offline@14.8.2.patch: a failed function
// must reach the client as API Gateway HTTP APIs answer it, never as a 200 or with its internals.
const FIXTURE = fileURLToPath(new URL('./fixtures/offline-errors', import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const INTERNAL_SERVER_ERROR = '{"message":"Internal Server Error"}';
const SERVICE_UNAVAILABLE = '{"message":"Service Unavailable"}';

describe('serverless-offline answers failed functions like API Gateway HTTP APIs', () => {
  let offline: RunningServiceOffline;

  beforeAll(async () => {
    offline = await startServiceOffline({
      serviceDir: FIXTURE,
      // The fixture has no node_modules of its own: the package's CLI finds the plugin above it.
      cli: serverlessCli(PACKAGE_DIR),
      httpPort: await freePort(),
      lambdaPort: await freePort(),
    });
  }, 30_000);

  afterAll(async () => {
    await offline?.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${offline.url}${path}`);
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: await response.text(),
    };
  };

  it('passes a successful answer through', async () => {
    expect(await get('/answer')).toMatchObject({ status: 200, body: '{"ok":true}' });
  });

  it.each([
    ['times out', '/sleep-past-timeout'],
    ['throws', '/throw'],
    ['throws with payload format 1.0', '/throw-v1'],
    ['crashes its runtime with an uncaught exception', '/crash'],
    ['returns a body that is not a string', '/malformed'],
  ])('answers 500 with only API Gateway body when the function %s', async (_case, path) => {
    const response = await get(path);

    expect(response.status).toBe(500);
    expect(response.contentType).toMatch(/^application\/json/);
    // The exact body: no error message, type, stack trace or file path can be in it.
    expect(response.body).toBe(INTERNAL_SERVER_ERROR);
  });

  it('answers 503 when the function outlives the integration timeout', async () => {
    const startedAt = Date.now();
    const response = await get('/outlive-integration');

    expect(response).toMatchObject({ status: 503, body: SERVICE_UNAVAILABLE });
    // The fixture's integration timeout (2 s), well before the function's own (10 s).
    expect(Date.now() - startedAt).toBeLessThan(5000);
  });

  it('keeps serving after a function crashed, and starts a fresh instance of it', async () => {
    expect((await get('/crash')).status).toBe(500);

    expect(await get('/answer')).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(await get('/crash')).toMatchObject({ status: 500, body: INTERNAL_SERVER_ERROR });
  });
});
