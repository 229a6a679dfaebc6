import type { Page } from '@eshop/shared';
import type { Product, ProductChanges } from './product.js';

/** Stores a new product; the id is fresh, so an existing one is a bug, not a conflict to resolve. */
export type SaveNewProduct = (product: Product) => Promise<void>;

/** The product, or undefined when there is none with that id. */
export type FindProduct = (id: string) => Promise<Product | undefined>;

/** Applies changes atomically; undefined when the product does not exist (nothing is created). */
export type UpdateProduct = (
  id: string,
  changes: ProductChanges,
  updatedAt: string,
) => Promise<Product | undefined>;

/** Deletes the product; false when there was none. */
export type DeleteProduct = (id: string) => Promise<boolean>;

export interface ProductListQuery {
  category?: string;
  limit: number;
  cursor?: string;
}

/** One page of products, optionally of one category (ordered by name within a category). */
export type ListProducts = (query: ProductListQuery) => Promise<Page<Product>>;
