import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '@eshop/shared';
import { afterAll, describe, expect, it } from 'vitest';
import type { Product } from '../src/domain/product.js';
import { productKey } from '../src/store/product-table.js';
import { localProductTable } from './support/local-table.js';

// Against DynamoDB Local with the table created from serverless.yml: no mocks.
const table = localProductTable();
// A category of our own keeps these tests independent of every other test's data.
const category = `it-${randomUUID()}`;
const created: string[] = [];

const product = (name: string, overrides: Partial<Product> = {}): Product => {
  const id = randomUUID();
  created.push(id);
  return {
    id,
    name,
    description: '',
    category,
    price: 100,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
};

afterAll(async () => {
  await Promise.all(
    created.map((id) =>
      table.documentClient.send(new DeleteCommand({ TableName: table.tableName, Key: productKey(id) })),
    ),
  );
  table.documentClient.destroy();
});

describe('product table', () => {
  it('saves and finds a product', async () => {
    const mug = product('Mug');

    await table.saveNewProduct(mug);

    await expect(table.findProduct(mug.id)).resolves.toEqual(mug);
    await expect(table.findProduct(randomUUID())).resolves.toBeUndefined();
  });

  it('never overwrites an existing id', async () => {
    const original = product('Original');
    await table.saveNewProduct(original);

    await expect(table.saveNewProduct({ ...original, name: 'Overwrite' })).rejects.toThrow();
    await expect(table.findProduct(original.id)).resolves.toMatchObject({ name: 'Original' });
  });

  it('updates only the given fields and never creates a missing product', async () => {
    const lamp = product('Lamp', { description: 'Warm light' });
    await table.saveNewProduct(lamp);

    const updated = await table.updateProduct(lamp.id, { price: 4200 }, '2026-02-02T00:00:00.000Z');
    const ghost = await table.updateProduct('never-existed', { price: 1 }, '2026-02-02T00:00:00.000Z');

    expect(updated).toEqual({
      outcome: 'updated',
      product: { ...lamp, price: 4200, updatedAt: '2026-02-02T00:00:00.000Z', version: 2 },
    });
    expect(ghost).toEqual({ outcome: 'missing' });
    await expect(table.findProduct('never-existed')).resolves.toBeUndefined();
  });

  it('applies a conditional update only at a listed version, telling stale from missing', async () => {
    const desk = product('Desk', { version: 3 });
    await table.saveNewProduct(desk);
    const at = '2026-03-03T00:00:00.000Z';

    const stale = await table.updateProduct(desk.id, { price: 1 }, at, [1, 2]);
    const none = await table.updateProduct(desk.id, { price: 2 }, at, []);
    const ghost = await table.updateProduct(randomUUID(), { price: 3 }, at, [1]);
    const updated = await table.updateProduct(desk.id, { price: 4 }, at, [2, 3]);

    expect(stale).toEqual({ outcome: 'stale', currentVersion: 3 });
    // An empty list (an If-Match naming no version of ours) matches nothing.
    expect(none).toEqual({ outcome: 'stale', currentVersion: 3 });
    expect(ghost).toEqual({ outcome: 'missing' });
    expect(updated).toEqual({
      outcome: 'updated',
      product: { ...desk, price: 4, updatedAt: at, version: 4 },
    });
  });

  it('leaves a field alone when its change is undefined', async () => {
    const lamp = product('Lamp', { description: 'Warm light' });
    await table.saveNewProduct(lamp);

    await table.updateProduct(
      lamp.id,
      { name: 'Lamp 2', description: undefined },
      '2026-03-03T00:00:00.000Z',
    );

    await expect(table.findProduct(lamp.id)).resolves.toMatchObject({
      name: 'Lamp 2',
      description: 'Warm light',
    });
  });

  it('propagates a failure that is not a failed condition', async () => {
    await expect(
      // DynamoDB refuses an empty string as a key: a ValidationException, not a missing product.
      table.updateProduct('', { price: 1 }, '2026-03-03T00:00:00.000Z'),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(table.deleteProduct('')).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists the whole catalog page by page, each page after the last', async () => {
    for (const name of ['Uno', 'Dos', 'Tres']) await table.saveNewProduct(product(name));

    const first = await table.listProducts({ limit: 2 });
    const second = await table.listProducts({ limit: 2, cursor: first.nextCursor });

    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(second.items).toHaveLength(2);
    const firstIds = first.items.map((p) => p.id);
    expect(second.items.filter((p) => firstIds.includes(p.id))).toEqual([]);
    await expect(table.listProducts({ limit: 1, cursor: 'forged' })).rejects.toThrow(ValidationError);
  });

  it('deletes once', async () => {
    const chair = product('Chair');
    await table.saveNewProduct(chair);

    await expect(table.deleteProduct(chair.id)).resolves.toBe(true);
    await expect(table.deleteProduct(chair.id)).resolves.toBe(false);
  });

  it('lists a category in name order, page by page, through the GSI', async () => {
    const shelf = `${category}-shelf`;
    for (const name of ['Delta', 'Alpha', 'Charlie', 'Bravo', 'Echo']) {
      await table.saveNewProduct(product(name, { category: shelf }));
    }

    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await table.listProducts({ category: shelf, limit: 2, cursor });
      names.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);

    expect(names).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('rejects a cursor issued for another category instead of failing in DynamoDB', async () => {
    for (const name of ['One', 'Two']) await table.saveNewProduct(product(name));
    const page = await table.listProducts({ category, limit: 1 });

    await expect(
      table.listProducts({ category: 'other', limit: 1, cursor: page.nextCursor }),
    ).rejects.toThrow(ValidationError);
  });

  it('finds many products in one lookup: those that exist, in the order asked, each once', async () => {
    const [first, second] = [product('First'), product('Second')];
    await table.saveNewProduct(first);
    await table.saveNewProduct(second);

    const found = await table.findProducts([second.id, randomUUID(), first.id, second.id]);

    expect(found).toEqual([second, first]);
    await expect(table.findProducts([])).resolves.toEqual([]);
  });

  it('looks up the most ids a basket can hold in one go', async () => {
    const stored = Array.from({ length: 3 }, (_, i) => product(`Stored ${i}`));
    await Promise.all(stored.map((each) => table.saveNewProduct(each)));
    const ids = [...stored.map((each) => each.id), ...Array.from({ length: 97 }, () => randomUUID())];

    await expect(table.findProducts(ids)).resolves.toEqual(stored);
    await expect(table.findProducts([...ids, randomUUID()])).rejects.toThrow(RangeError);
  });
});
