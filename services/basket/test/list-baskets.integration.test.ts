import { tableLikeForThisFile } from '@eshop/local-cloud/testing';
import { buildPublishEvent } from '@eshop/shared';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { listBasketsHandler } from '../src/handlers/list-baskets.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { BASKET_TABLE, SEEDED } from './support/local-basket.js';
import { localBasketWithRememberedCatalog } from './support/remembered-catalog.js';

// GET /basket pages through a basket table of its own that also holds what checkouts leave behind
// (Idempotency-Key records, completion markers), as every production table does.
const { catalog, deps } = localBasketWithRememberedCatalog(
  tableLikeForThisFile(BASKET_TABLE, 'baskets-list'),
);

beforeAll(() => catalog.warm([SEEDED.sdCard.id]));
afterAll(() => {
  deps.documentClient.destroy();
  deps.eventBridge.destroy();
});

const admin = signedInAs('boss', { admin: true });
const save = (userName: string) =>
  saveBasketHandler(deps)(
    httpEvent({
      method: 'POST',
      headers: signedInAs(userName),
      body: { userName, items: [{ productId: SEEDED.sdCard.id, quantity: 1 }] },
    }),
    lambdaContext(),
  );
const checkOut = (userName: string, through = deps) =>
  checkoutBasketHandler(through)(
    httpEvent({
      method: 'POST',
      headers: { ...signedInAs(userName), 'idempotency-key': `key-${userName}` },
      body: { userName, firstName: 'A', lastName: 'B', email: 'a@b.example', address: 'x', paymentMethod: 1 },
    }),
    lambdaContext(),
  );

describe('GET /basket', () => {
  it('pages through every basket, whatever item a page ends on', async () => {
    const busDown = { ...deps, publishEvent: buildPublishEvent(deps.eventBridge, 'no-such-bus') };
    const users = Array.from({ length: 6 }, (_, n) => `list-${n}`);
    for (const userName of users) expect([200, 201]).toContain((await save(userName)).statusCode);
    // Two baskets with a pending checkout (and its key record), two checked out (key record and
    // completion marker left, no basket), two plain.
    for (const userName of users.slice(0, 2))
      expect((await checkOut(userName, busDown)).statusCode).toBe(503);
    for (const userName of users.slice(2, 4)) expect((await checkOut(userName)).statusCode).toBe(202);
    const list = listBasketsHandler(deps);

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await list(
          httpEvent({ headers: admin, query: { limit: String(limit), ...(cursor ? { cursor } : {}) } }),
          lambdaContext(),
        );
        expect(response.statusCode).toBe(200);
        const page = JSON.parse(response.body ?? '{}');
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((basket: { userName: string }) => basket.userName));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== undefined && pages < 50);

      expect(seen.sort()).toEqual([...users.slice(0, 2), ...users.slice(4)].sort());
    }
  });
});
