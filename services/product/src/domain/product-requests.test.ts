import { ValidationError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import { changesOf, newProduct, newProductSchema, productChangesSchema } from './product-requests.js';

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

  it('files a product sent without a category as uncategorized', () => {
    const parsed = newProductSchema.parse({ name: 'Mug', price: 1 });

    expect(parsed.category).toBe('uncategorized');
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

  it('prefers imageUrl to imageFile, and keeps either alone', () => {
    const base = { name: 'Mug', category: 'kitchen', price: 1 };

    expect(newProductSchema.parse({ ...base, imageUrl: 'a.png', imageFile: 'b.png' }).imageUrl).toBe('a.png');
    expect(newProductSchema.parse({ ...base, imageUrl: 'a.png' }).imageUrl).toBe('a.png');
  });

  it('trims every text and keeps limits at their edge', () => {
    const parsed = newProductSchema.parse({
      name: ` ${'n'.repeat(200)} `,
      description: ` ${'d'.repeat(4000)} `,
      category: ` ${'c'.repeat(100)} `,
      price: 100_000_000,
      imageUrl: ` ${'i'.repeat(2048)} `,
    });

    expect(parsed).toEqual({
      name: 'n'.repeat(200),
      description: 'd'.repeat(4000),
      category: 'c'.repeat(100),
      price: 100_000_000,
      imageUrl: 'i'.repeat(2048),
    });
  });

  it('says why a fractional price is refused', () => {
    const result = newProductSchema.safeParse({ name: 'Mug', category: 'kitchen', price: 9.99 });

    expect(result.error?.issues[0]?.message).toBe('Must be an integer number of cents');
  });

  it.each([
    ['a negative price', { price: -1 }],
    ['a price over a million', { price: 100_000_001 }],
    ['a name too long', { name: 'n'.repeat(201) }],
    ['a description too long', { description: 'd'.repeat(4001) }],
    ['a category too long', { category: 'c'.repeat(101) }],
    ['an empty category', { category: ' ' }],
    ['an image URL too long', { imageUrl: 'i'.repeat(2049) }],
    ['an empty image URL', { imageUrl: ' ' }],
    ['a fractional price', { price: 9.99 }],
    ['a string price', { price: '10' }],
    ['an empty name', { name: '  ' }],
    ['an unknown field', { colour: 'red' }],
    ['a missing name', { name: undefined }],
  ])('rejects %s', (_, override) => {
    const result = newProductSchema.safeParse({ name: 'Mug', category: 'kitchen', price: 100, ...override });

    expect(result.success).toBe(false);
  });
});

describe('productChangesSchema', () => {
  it('accepts a partial change', () => {
    expect(productChangesSchema.parse({ price: 500 })).toEqual({ price: 500 });
  });

  it('rejects an empty change and a change of only the id, saying why', () => {
    expect(productChangesSchema.safeParse({}).error?.issues[0]?.message).toBe(
      'Send at least one field to change',
    );
    expect(productChangesSchema.safeParse({ id: 'p-1' }).success).toBe(false);
    expect(productChangesSchema.parse({ id: 'p-1', name: 'Mug' })).toEqual({ id: 'p-1', name: 'Mug' });
  });

  it('takes imageFile as imageUrl, preferring imageUrl, and adds no image when none is sent', () => {
    expect(productChangesSchema.parse({ imageFile: 'b.png' })).toEqual({ imageUrl: 'b.png' });
    expect(productChangesSchema.parse({ imageUrl: 'a.png', imageFile: 'b.png' })).toEqual({
      imageUrl: 'a.png',
    });
    expect(productChangesSchema.parse({ price: 1 })).not.toHaveProperty('imageUrl');
  });
});

describe('changesOf', () => {
  it('drops an id that names the product itself', () => {
    expect(changesOf('p-1', { id: 'p-1', price: 5 })).toEqual({ price: 5 });
    expect(changesOf('p-1', { price: 5 })).toEqual({ price: 5 });
  });

  it('refuses to change the id, pointing at it', () => {
    expect(() => changesOf('p-1', { id: 'p-2', price: 5 })).toThrow(ValidationError);
    try {
      changesOf('p-1', { id: 'p-2', price: 5 });
    } catch (error) {
      expect((error as ValidationError).fieldErrors).toEqual([
        { in: 'body', pointer: '#/id', detail: 'Must be p-1 or absent: ids cannot be changed' },
      ]);
      expect((error as ValidationError).message).toBe('A product id cannot be changed');
    }
  });

  it('rejects read-only timestamps as unknown fields', () => {
    expect(productChangesSchema.safeParse({ price: 1, createdAt: 'x' }).success).toBe(false);
  });
});

describe('newProduct', () => {
  it('keeps an image URL', () => {
    const product = newProduct(
      { name: 'Mug', description: '', category: 'kitchen', price: 100, imageUrl: 'mug.png' },
      'id-1',
      new Date(0),
    );

    expect(product.imageUrl).toBe('mug.png');
  });

  it('has no imageUrl field without an image (a document client without removeUndefinedValues refuses one)', () => {
    const product = newProduct(
      { name: 'Mug', description: '', category: 'kitchen', price: 100, imageUrl: undefined },
      'id-1',
      new Date(0),
    );

    expect(Object.keys(product)).not.toContain('imageUrl');
  });

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
