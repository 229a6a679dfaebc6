/** A catalog entry. Prices are integers in minor units (cents) so totals never round. */
export interface Product {
  id: string;
  name: string;
  description: string;
  category: string;
  price: number;
  imageUrl?: string;
  createdAt: string;
  updatedAt: string;
  /**
   * Starts at 1 and goes up by one with every update; sent as the `ETag` so a client can make its
   * `PUT` conditional (`If-Match`) and never silently overwrite a change it has not seen.
   */
  version: number;
}

/** The category of a product created without one (the original reference never required it). */
export const DEFAULT_CATEGORY = 'uncategorized';

/** Most products one lookup by ids returns: BatchGetItem's own limit on keys per call. */
export const MAX_PRODUCTS_PER_LOOKUP = 100;
