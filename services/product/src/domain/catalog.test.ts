import { NotFoundError, PreconditionFailedError, ValidationError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import { aProduct, inMemoryProducts } from '../../test/support/in-memory-products.js';
import { addProduct, changeProduct, getProduct, removeProduct } from './catalog.js';

const clock = { now: () => new Date('2026-03-01T10:00:00.000Z'), newId: () => 'new-id' };

describe('catalog', () => {
  it('adds a product with a generated id', async () => {
    const store = inMemoryProducts();

    const product = await addProduct({ ...store, clock })({
      name: 'Mug',
      description: '',
      category: 'kitchen',
      price: 100,
      imageUrl: undefined,
    });

    expect(product.id).toBe('new-id');
    expect(store.products.get('new-id')).toEqual(product);
  });

  it('gets a product or throws NotFoundError', async () => {
    const store = inMemoryProducts([aProduct()]);

    await expect(getProduct(store)('p-1')).resolves.toMatchObject({ id: 'p-1' });
    await expect(getProduct(store)('missing')).rejects.toThrow(NotFoundError);
  });

  it('changes fields and the update time only', async () => {
    const store = inMemoryProducts([aProduct()]);

    const updated = await changeProduct({ ...store, clock })('p-1', { price: 2500 });

    expect(updated).toEqual({
      ...aProduct(),
      price: 2500,
      updatedAt: '2026-03-01T10:00:00.000Z',
      version: 2,
    });
  });

  it('accepts the same id in a change but refuses a different one, changing nothing', async () => {
    const store = inMemoryProducts([aProduct()]);
    const change = changeProduct({ ...store, clock });

    await expect(change('p-1', { id: 'p-1', name: 'Renamed' })).resolves.toMatchObject({ name: 'Renamed' });
    await expect(change('p-1', { id: 'p-2', name: 'Hijack' })).rejects.toThrow(ValidationError);
    expect(store.products.get('p-1')?.name).toBe('Renamed');
  });

  it('changes only the expected version, else throws PreconditionFailedError and changes nothing', async () => {
    const store = inMemoryProducts([aProduct({ version: 3 })]);
    const change = changeProduct({ ...store, clock });

    await expect(change('p-1', { price: 1 }, [2])).rejects.toThrow(PreconditionFailedError);
    await expect(change('p-1', { price: 1 }, [])).rejects.toThrow(PreconditionFailedError);
    expect(store.products.get('p-1')).toEqual(aProduct({ version: 3 }));
    await expect(change('p-1', { price: 7 }, [2, 3])).resolves.toMatchObject({ price: 7, version: 4 });
  });

  it('throws NotFoundError changing or removing a missing product', async () => {
    const store = inMemoryProducts();

    await expect(changeProduct({ ...store, clock })('missing', { price: 1 })).rejects.toThrow(NotFoundError);
    await expect(removeProduct(store)('missing')).rejects.toThrow(NotFoundError);
  });
});
