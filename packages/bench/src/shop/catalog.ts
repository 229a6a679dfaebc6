import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface SeedProduct {
  id: string;
  category: string;
}

// The catalog `pnpm dev` (and so the bench cloud) seeds: reads always hit existing products.
const seed = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../../../services/product/seed/products.json', import.meta.url)),
    'utf8',
  ),
) as SeedProduct[];

export const productIds: readonly string[] = seed.map((product) => product.id);
export const categories: readonly string[] = [...new Set(seed.map((product) => product.category))];

/** Cycles through a list: the n-th request gets the n-th value, round and round. */
export const cycle = <T>(values: readonly T[], index: number): T => {
  const value = values[index % values.length];
  if (value === undefined) throw new Error('cannot cycle through an empty list');
  return value;
};
