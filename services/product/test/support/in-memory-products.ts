import type * as Ports from '../../src/domain/ports.js';
import type { Product } from '../../src/domain/product.js';

/** The product ports over a Map, for unit tests of handlers and domain (no network). */
export const inMemoryProducts = (initial: Product[] = []) => {
  const products = new Map(initial.map((product) => [product.id, product]));
  const saveNewProduct: Ports.SaveNewProduct = async (product) => {
    if (products.has(product.id)) throw new Error(`duplicate id ${product.id}`);
    products.set(product.id, product);
  };
  const findProduct: Ports.FindProduct = async (id) => products.get(id);
  const findProducts: Ports.FindProducts = async (ids) =>
    [...new Set(ids)].flatMap((id) => {
      const product = products.get(id);
      return product === undefined ? [] : [product];
    });
  const updateProduct: Ports.UpdateProduct = async (id, changes, updatedAt, expected = 'any') => {
    const existing = products.get(id);
    if (existing === undefined) return { outcome: 'missing' };
    if (expected !== 'any' && !expected.includes(existing.version)) {
      return { outcome: 'stale', currentVersion: existing.version };
    }
    const updated = { ...existing, ...changes, updatedAt, version: existing.version + 1 };
    products.set(id, updated);
    return { outcome: 'updated', product: updated };
  };
  const deleteProduct: Ports.DeleteProduct = async (id) => products.delete(id);
  const listProducts: Ports.ListProducts = async ({ category, limit, cursor }) => {
    const matching = [...products.values()].filter((p) => category === undefined || p.category === category);
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = matching.slice(start, start + limit);
    const next = start + limit < matching.length ? String(start + limit) : undefined;
    return next === undefined ? { items } : { items, nextCursor: next };
  };
  return { products, saveNewProduct, findProduct, findProducts, updateProduct, deleteProduct, listProducts };
};

export const aProduct = (overrides: Partial<Product> = {}): Product => ({
  id: 'p-1',
  name: 'Travel mug',
  description: 'Keeps coffee hot for 6 hours',
  category: 'kitchen',
  price: 1999,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...overrides,
});
