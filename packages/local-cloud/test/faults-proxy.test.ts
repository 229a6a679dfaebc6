import {
  CreateEventBusCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  PutEventsCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_DEATH_HEADER, INSTANCE_DEATH_MARK } from '../src/chaos/instance-death.js';
import { type RunningEventBridge, startEventBridge } from '../src/eventbridge/index.js';
import { type FaultProxyOptions, type RunningFaultProxy, startFaultProxy } from '../src/faults/index.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { freePort } from '../src/process/free-port.js';

// The proxy's own behaviour (switches, modes, seed, counters, control API), in front of the
// local EventBridge, which starts in milliseconds. Clients make one attempt, so each call is
// one request.
const silentLogger = { info: () => {}, warn: () => {}, error: () => {} };

describe('fault proxy', () => {
  let eventBridge: RunningEventBridge;
  const started: RunningFaultProxy[] = [];
  const clients: EventBridgeClient[] = [];

  beforeAll(async () => {
    eventBridge = await startEventBridge({ port: 0, logger: silentLogger });
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    for (const proxy of started.splice(0)) await proxy.stop();
  });

  afterAll(async () => {
    await eventBridge?.stop();
  });

  /** A proxy in front of the test's EventBridge (or of the `upstream` given) and a client that uses it. */
  const proxyWith = async (
    options: Omit<FaultProxyOptions, 'service' | 'upstream'> & { upstream?: string } = {},
  ) => {
    const proxy = await startFaultProxy({ service: 'eventbridge', upstream: eventBridge.url, ...options });
    started.push(proxy);
    const client = new EventBridgeClient({
      endpoint: proxy.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    clients.push(client);
    return { proxy, client };
  };
  const listBuses = (client: EventBridgeClient) => client.send(new ListEventBusesCommand({}));
  const outcome = (call: Promise<unknown>) =>
    call.then(
      () => 'ok',
      (error: Error) => error.name,
    );
  const timed = async (call: Promise<unknown>) => {
    const startedAt = Date.now();
    await call.catch(() => {});
    return Date.now() - startedAt;
  };
  const control = async (proxy: RunningFaultProxy, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${proxy.url}/__faults${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('listens on 127.0.0.1 and is off by default: it forwards and counts, whatever the rates', async () => {
    const { proxy, client } = await proxyWith({ rates: { errorBeforeForward: 1 } });

    const result = await listBuses(client);

    expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.EventBuses?.map((bus) => bus.Name)).toContain('default');
    expect(proxy.isEnabled()).toBe(false);
    expect(proxy.counts()).toMatchObject({
      requests: 1,
      faults: {},
      byOperation: { ListEventBuses: { requests: 1 } },
    });
  });

  it('replays the same faults for the same seed, and others for another seed', async () => {
    const options = { enabled: true, rates: { errorBeforeForward: 0.3, errorAfterForward: 0.2 } };
    const run = async (seed: number) => {
      const { client } = await proxyWith({ ...options, seed });
      const outcomes: string[] = [];
      for (let n = 0; n < 40; n++) outcomes.push(await outcome(listBuses(client)));
      return outcomes;
    };

    const first = await run(11);

    expect(await run(11)).toEqual(first);
    expect(await run(12)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['ok', 'ThrottlingException', 'InternalException']));
  });

  it('counts every injected fault by kind and by operation', async () => {
    const { proxy, client } = await proxyWith({
      enabled: true,
      seed: 5,
      rates: { errorBeforeForward: 0.5 },
      operations: { PutEvents: {} },
    });

    const outcomes = [];
    for (let n = 0; n < 30; n++) outcomes.push(await outcome(listBuses(client)));
    await client.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }));

    const counts = proxy.counts();
    const injected = outcomes.filter((name) => name !== 'ok').length;
    expect(injected).toBeGreaterThan(0);
    expect(counts.requests).toBe(31);
    expect(Object.values(counts.faults).reduce((sum, count) => sum + count, 0)).toBe(injected);
    expect(counts.faults['errorBeforeForward:ThrottlingException']).toBe(
      outcomes.filter((name) => name === 'ThrottlingException').length,
    );
    expect(counts.byOperation.PutEvents).toEqual({ requests: 1, sdkRetries: 0, faults: {} });
  });

  it('adds latency to the requests it picks', async () => {
    const { proxy, client } = await proxyWith({ enabled: true, rates: { latency: 1 }, latencyMs: 300 });

    expect(await timed(listBuses(client))).toBeGreaterThanOrEqual(300);
    expect(proxy.counts().faults).toEqual({ latency: 1 });
  });

  it('a random freeze holds every request that arrives until it ends', async () => {
    const { proxy, client } = await proxyWith({
      enabled: true,
      rates: { freeze: 1 },
      freezeMs: 400,
      operations: { PutEvents: {} },
    });

    const startedAt = Date.now();
    const freezing = listBuses(client);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const held = client.send(
      new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
    );
    await Promise.all([freezing, held]);

    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400);
    expect(proxy.counts().faults).toMatchObject({ freeze: 1, heldByFreeze: 2 });
  });

  it('freezes on demand, and disabling lifts the freeze', async () => {
    const { proxy, client } = await proxyWith();

    proxy.freeze(250);
    expect(await timed(listBuses(client))).toBeGreaterThanOrEqual(250);

    proxy.freeze(10_000);
    setTimeout(() => proxy.disable(), 100);
    expect(await timed(listBuses(client))).toBeLessThan(2000);
  });

  it('still forwards a request whose caller gave up during a freeze: AWS would still do the work', async () => {
    const { proxy, client } = await proxyWith();
    const direct = new EventBridgeClient({
      endpoint: eventBridge.url,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    clients.push(direct);

    proxy.freeze(300);
    const abandoned = await client
      .send(new CreateEventBusCommand({ Name: 'created-after-timeout' }), {
        abortSignal: AbortSignal.timeout(50),
      })
      .catch((error: Error) => error.name);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(abandoned).toBe('AbortError');
    const { EventBuses = [] } = await direct.send(new ListEventBusesCommand({}));
    expect(EventBuses.map((bus) => bus.Name)).toContain('created-after-timeout');
  });

  it('marks the answer of a forwarded request for an instance death, and counts it', async () => {
    const { proxy } = await proxyWith({ enabled: true, rates: { instanceDeath: 1 } });
    const name = `marked-${Date.now()}`;

    const answer = await fetch(proxy.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.CreateEventBus' },
      body: JSON.stringify({ Name: name }),
    });
    await answer.text();
    const { client } = await proxyWith();

    expect(answer.status).toBe(200);
    expect(answer.headers.get(INSTANCE_DEATH_HEADER)).toBe(INSTANCE_DEATH_MARK);
    expect((await listBuses(client)).EventBuses?.map((bus) => bus.Name)).toContain(name);
    expect(proxy.counts().faults).toEqual({ instanceDeath: 1 });
  });

  it('starts its draws again from a new seed', async () => {
    const { proxy, client } = await proxyWith({ enabled: true, seed: 1, rates: { errorBeforeForward: 0.5 } });
    const draw = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) outcomes.push(await outcome(listBuses(client)));
      return outcomes;
    };

    proxy.reseed(99);
    const first = await draw();
    await control(proxy, 'POST', '/seed', { seed: 99 });
    const again = await draw();

    expect(again).toEqual(first);
    expect(proxy.seed).toBe(99);
  });

  it('passes requests that are not AWS JSON through untouched', async () => {
    const { proxy } = await proxyWith({ enabled: true, rates: { errorBeforeForward: 1 } });

    const response = await fetch(proxy.url, { method: 'POST', body: '{}' });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
    expect(proxy.counts()).toMatchObject({ requests: 1, faults: {} });
  });

  it('shows a dead emulator as a dropped connection, not as an HTTP answer', async () => {
    const { client } = await proxyWith({ upstream: `http://127.0.0.1:${await freePort()}` });

    const error = await listBuses(client).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ $metadata: {} });
    expect((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode).toBeUndefined();
  });

  it('is controlled over HTTP: state, switches, freeze, configuration, counters', async () => {
    const { proxy, client } = await proxyWith({ seed: 21 });

    expect(await control(proxy, 'GET', '')).toMatchObject({
      status: 200,
      body: { service: 'eventbridge', seed: 21, enabled: false },
    });
    expect(await control(proxy, 'PUT', '/config', { rates: { errorBeforeForward: 1 } })).toMatchObject({
      status: 200,
      body: { config: { rates: { errorBeforeForward: 1 } } },
    });
    expect(await control(proxy, 'POST', '/enable')).toMatchObject({ body: { enabled: true } });
    expect(await outcome(listBuses(client))).not.toBe('ok');
    expect((await control(proxy, 'GET', '')).body.counts).toMatchObject({ requests: 1 });

    expect(await control(proxy, 'POST', '/disable')).toMatchObject({ body: { enabled: false } });
    expect(await outcome(listBuses(client))).toBe('ok');
    expect(await control(proxy, 'POST', '/reset')).toMatchObject({
      body: { counts: { requests: 0, faults: {} } },
    });

    // The freeze starts when it is asked for: a request sent after it waits for the rest of it.
    const freezeAskedAt = Date.now();
    await control(proxy, 'POST', '/freeze', { ms: 200 });
    await listBuses(client).catch(() => {});
    expect(Date.now() - freezeAskedAt).toBeGreaterThanOrEqual(200);

    expect(await control(proxy, 'PUT', '/config', { rates: { latency: 2 } })).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/rates.latency must be from 0 to 1/) },
    });
    expect(await control(proxy, 'POST', '/nothing')).toMatchObject({ status: 404 });
  });
});
