import { productIdSchema, ValidationError } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { ExpectedVersion } from '../domain/ports.js';
import type { Product } from '../domain/product.js';

/** Products are small: 16 KiB leaves room for a long description and rejects abuse early. */
export const MAX_PRODUCT_BODY_BYTES = 16 * 1024;

export const productPath = z.object({ id: productIdSchema });

export const productLocation = (id: string): string => `/product/${encodeURIComponent(id)}`;

/** The product's `ETag`: its version, as a strong entity tag. */
export const etagOf = (product: Pick<Product, 'version'>): Record<string, string> => ({
  etag: `"${product.version}"`,
});

const ENTITY_TAG = /\s*(W\/)?"([\x21\x23-\x7e\x80-\uffff]*)"\s*(?:,|$)/y;
const VERSION_TAG = /^[1-9]\d{0,14}$/;

/**
 * The versions an `If-Match` header allows (RFC 9110 §13.1.1): `any` without the header or for
 * `*`; otherwise the versions of its strong tags (weak tags never match a strong comparison, and
 * tags that are not one of our versions cannot match either). A malformed header is a 400.
 */
export const expectedVersionOf = (headers: Readonly<Record<string, string | undefined>>): ExpectedVersion => {
  const header = headers['if-match'];
  if (header === undefined || header.trim() === '*') return 'any';
  const malformed = () =>
    new ValidationError('Invalid If-Match header', [
      { in: 'header', pointer: '#/if-match', detail: 'Must be * or a list of entity tags such as "3"' },
    ]);
  if (header.trim() === '') throw malformed();
  const versions: number[] = [];
  ENTITY_TAG.lastIndex = 0;
  while (ENTITY_TAG.lastIndex < header.length) {
    const match = ENTITY_TAG.exec(header);
    if (match === null) throw malformed();
    const [, weak, tag = ''] = match;
    if (weak === undefined && VERSION_TAG.test(tag)) versions.push(Number(tag));
  }
  return versions;
};
