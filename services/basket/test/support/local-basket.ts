import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { checkoutRequest, localCloud } from '@eshop/local-cloud/testing';
import { buildPublishEvent, createDocumentClient, createLogger, createMetricCounter } from '@eshop/shared';
import { httpEvent, signedInAs, verifyTestToken } from '@eshop/shared/testing';
import { buildFindCatalogProducts } from '../../src/catalog/product-catalog.js';
import type { BasketLine } from '../../src/domain/basket.js';
import { pendingCheckoutGuard } from '../../src/domain/pending-checkout.js';
import type { CatalogProduct, FindCatalogProducts, SaveBasket } from '../../src/domain/ports.js';
import { basketTable } from '../../src/store/basket-table.js';

export const BASKET_TABLE = 'eshop-basket-local-baskets';
export const BASKET_BUS = 'eshop-basket-local';

/** Seeded catalog products (services/product/seed/products.json). */
export const SEEDED = {
  pixelFold: { id: '6a1c0000-0000-4000-8000-000000000001', name: 'Pixel Fold 9', price: 179900 },
  airPods: { id: '6a1c0000-0000-4000-8000-00000000000b', name: 'AirPods Pro 3', price: 24900 },
  sdCard: { id: '6a1c0000-0000-4000-8000-000000000010', name: 'SanDisk Extreme 256 GB', price: 3499 },
};

export const uniqueUser = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * The basket's real adapters on the test run's local cloud (DynamoDB Local, the local EventBridge,
 * the product service over HTTP), for in-process handler tests that need to vary one dependency.
 */
export const localBasketDependencies = (overrides: { eventBridgeEndpoint?: string } = {}) => {
  const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
  const eventBridge = new EventBridgeClient({
    ...localCloud().aws('eventbridge', overrides.eventBridgeEndpoint),
    maxAttempts: 1,
  });
  return {
    documentClient,
    eventBridge,
    logger: createLogger('basket-test'),
    countMetric: createMetricCounter('basket-test'),
    verifyToken: verifyTestToken,
    now: () => new Date(),
    newId: () => randomUUID(),
    findCatalogProducts: buildFindCatalogProducts(localCloud().apiUrl('product')),
    publishEvent: buildPublishEvent(eventBridge, BASKET_BUS),
    ...basketTable(documentClient, BASKET_TABLE),
  };
};

/**
 * The real catalog adapter, remembering every answer it got (failures are not remembered). For
 * tests whose subject is the basket table: a busy product service under serverless-offline would
 * only turn their requests into 503s. `warm` looks the given products up first, retrying.
 */
export const rememberingCatalog = (find: FindCatalogProducts) => {
  const answers = new Map<string, Promise<CatalogProduct | undefined>>();
  const findCatalogProducts: FindCatalogProducts = async (ids) => {
    const unknown = [...new Set(ids)].filter((id) => !answers.has(id));
    if (unknown.length > 0) {
      const lookup = find(unknown);
      for (const id of unknown) {
        const answer = lookup.then((found) => found.get(id));
        answers.set(id, answer);
        answer.catch(() => answers.delete(id));
      }
    }
    const found = await Promise.all(ids.map(async (id) => [id, await answers.get(id)] as const));
    return new Map(found.flatMap(([id, product]) => (product === undefined ? [] : [[id, product] as const])));
  };
  // Every id must be found: an id remembered as unknown (the catalog not yet seeded, or busy) would
  // make every checkout of it a refusal for the rest of the file.
  const warm = async (ids: string[], attempts = 5): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const found = await findCatalogProducts(ids);
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length === 0) return;
        for (const id of missing) answers.delete(id);
        throw new Error(`The catalog does not know ${missing.join(', ')}`);
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  };
  return { findCatalogProducts, warm };
};

/** Stores a basket of these lines (prices as given) through the real adapter, as a new revision. */
export const storeBasket = async (
  { saveBasket }: { saveBasket: SaveBasket },
  userName: string,
  lines: BasketLine[],
): Promise<void> => {
  const now = new Date();
  const saved = await saveBasket(
    { userName, lines, updatedAt: now.toISOString(), revision: randomUUID() },
    pendingCheckoutGuard(now),
  );
  if ('pendingCheckout' in saved) throw new Error(`${userName} has a pending checkout`);
};

/**
 * `POST /basket/checkout` as `userName`, in the original reference's body shape (buyer, address,
 * payment method and card); `changes` overrides body fields, `key` adds an Idempotency-Key.
 */
export const checkoutEvent = (
  userName: string,
  {
    key,
    headers = {},
    changes = {},
  }: { key?: string; headers?: Record<string, string>; changes?: Record<string, unknown> } = {},
) =>
  httpEvent({
    method: 'POST',
    path: '/basket/checkout',
    headers: {
      ...signedInAs(userName),
      ...(key === undefined ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    body: checkoutRequest(userName, changes),
  });
