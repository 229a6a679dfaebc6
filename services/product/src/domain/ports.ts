import type { Page } from '@eshop/shared';
import type { Product } from './product.js';
import type { ProductChanges } from './product-requests.js';

/** Stores a new product; the id is fresh, so an existing one is a bug, not a conflict to resolve. */
export type SaveNewProduct = (product: Product) => Promise<void>;

/** The product, or undefined when there is none with that id. */
export type FindProduct = (id: string) => Promise<Product | undefined>;

/** The products with these ids that exist, in the order asked (each once); at most 100 ids. */
export type FindProducts = (ids: readonly string[]) => Promise<Product[]>;

/**
 * Which versions an update may apply to: `any` (no If-Match, or `If-Match: *`), or only one of
 * the listed versions (an empty list matches nothing).
 */
export type ExpectedVersion = 'any' | readonly number[];

export type UpdateOutcome =
  | { outcome: 'updated'; product: Product }
  /** There is no such product; nothing was created. */
  | { outcome: 'missing' }
  /** The product is at another version than expected; nothing was changed. */
  | { outcome: 'stale'; currentVersion: number };

/**
 * Applies changes atomically (each field on its own, so concurrent changes of different fields
 * both survive) and increments the version, only if the product exists and is at an expected version.
 */
export type UpdateProduct = (
  id: string,
  changes: ProductChanges,
  updatedAt: string,
  expected?: ExpectedVersion,
) => Promise<UpdateOutcome>;

/** Deletes the product; false when there was none. */
export type DeleteProduct = (id: string) => Promise<boolean>;

export interface ProductListQuery {
  category?: string;
  limit: number;
  cursor?: string;
}

/** One page of products, optionally of one category (ordered by name within a category). */
export type ListProducts = (query: ProductListQuery) => Promise<Page<Product>>;
