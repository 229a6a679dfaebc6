import { randomUUID } from 'node:crypto';
import { requestToken } from '@eshop/local-cloud';
import { checkoutRequest, localCloud, requestJson } from '@eshop/local-cloud/testing';
import { afterEach, describe, expect, it } from 'vitest';

// A dependency that stops answering (a freeze of its endpoint, through the fault proxy) must cost a
// client a 503 with Retry-After before the function's 10 s timeout, never the timeout itself (a 500,
// mid-work). Healthy, that is about 6.5 s (3 attempts of 2 s); a cold start on a busy machine adds.
const { services, faults } = localCloud();
const control = (service: 'dynamodb' | 'eventbridge', path: string, body?: unknown) =>
  fetch(`${faults?.controls[service]}${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) });

const signedIn = async (userName: string) => ({
  authorization: `Bearer ${await requestToken(localCloud().issuer, userName)}`,
});
const timed = async <T>(call: Promise<T>) => {
  const started = performance.now();
  const result = await call;
  return { result, ms: performance.now() - started };
};

describe('a frozen dependency', () => {
  afterEach(async () => {
    await control('dynamodb', '/disable');
    await control('eventbridge', '/disable');
  });

  it('is a 503 with Retry-After before the function timeout from a DynamoDB that stopped answering', async () => {
    const userName = `frozen-${randomUUID().slice(0, 8)}`;
    const headers = await signedIn(userName);
    await control('dynamodb', '/freeze', { ms: 30_000 });

    const { result, ms } = await timed(requestJson(`${services.basket}/basket/${userName}`, { headers }));

    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    expect(ms).toBeLessThan(10_000);
  });

  it('is a 503 with Retry-After before the function timeout from a bus that stopped answering, and the retry succeeds', async () => {
    const userName = `frozen-bus-${randomUUID().slice(0, 8)}`;
    const headers = await signedIn(userName);
    const saved = await requestJson(`${services.basket}/basket`, {
      method: 'POST',
      headers,
      body: { userName, items: [{ productId: '6a1c0000-0000-4000-8000-000000000001', quantity: 1 }] },
    });
    expect(saved.status).toBe(201);
    const checkout = () =>
      requestJson(`${services.basket}/basket/checkout`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': key },
        body: checkoutRequest(userName),
      });
    const key = randomUUID();
    await control('eventbridge', '/freeze', { ms: 30_000 });

    const { result, ms } = await timed(checkout());
    await control('eventbridge', '/disable');
    const retried = await checkout();

    expect(result.status).toBe(503);
    expect(result.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(ms).toBeLessThan(10_000);
    expect(retried.status).toBe(202);
  });
});
