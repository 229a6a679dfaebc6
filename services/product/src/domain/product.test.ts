import { describe, expect, it } from 'vitest';
import { newProduct, newProductSchema, productChangesSchema } from './product.js';

describe('newProductSchema', () => {
  it('accepts a minimal product and defaults the description', () => {
    const parsed = newProductSchema.parse({ name: ' Mug ', category: 'kitchen', price: 0 });

    expect(parsed).toEqual({
      name: 'Mug',
      category: 'kitchen',
      price: 0,
      description: '',
      imageUrl: undefined,
    });
  });

  it('maps the original clients’ imageFile to imageUrl', () => {
    const parsed = newProductSchema.parse({
      name: 'Mug',
      category: 'kitchen',
      price: 1,
      imageFile: 'mug.png',
    });

    expect(parsed.imageUrl).toBe('mug.png');
  });

  it.each([
    ['a negative price', { price: -1 }],
    ['a fractional price', { price: 9.99 }],
    ['a string price', { price: '10' }],
    ['an empty name', { name: '  ' }],
    ['an unknown field', { colour: 'red' }],
    ['a missing category', { category: undefined }],
  ])('rejects %s', (_, override) => {
    const result = newProductSchema.safeParse({ name: 'Mug', category: 'kitchen', price: 100, ...override });

    expect(result.success).toBe(false);
  });
});

describe('productChangesSchema', () => {
  it('accepts a partial change', () => {
    expect(productChangesSchema.parse({ price: 500 })).toEqual({ price: 500 });
  });

  it('rejects an empty change and a change of only the id', () => {
    expect(productChangesSchema.safeParse({}).success).toBe(false);
    expect(productChangesSchema.safeParse({ id: 'p-1' }).success).toBe(false);
  });

  it('rejects read-only timestamps as unknown fields', () => {
    expect(productChangesSchema.safeParse({ price: 1, createdAt: 'x' }).success).toBe(false);
  });
});

describe('newProduct', () => {
  it('stamps id and both timestamps', () => {
    const product = newProduct(
      { name: 'Mug', description: '', category: 'kitchen', price: 100, imageUrl: undefined },
      'id-1',
      new Date('2026-02-03T04:05:06.000Z'),
    );

    expect(product).toEqual({
      id: 'id-1',
      name: 'Mug',
      description: '',
      category: 'kitchen',
      price: 100,
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-03T04:05:06.000Z',
      version: 1,
    });
  });
});
