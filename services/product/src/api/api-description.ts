import {
  type ApiOperation,
  type DescribingDeps,
  type HeaderObject,
  serviceApiDocument,
} from '@eshop/shared/openapi';
import service from '../../serverless.js';
import { DEFAULT_CATEGORY } from '../domain/product.js';
import { createProductHandler } from '../handlers/create-product.js';
import { deleteProductHandler } from '../handlers/delete-product.js';
import { getProductHandler } from '../handlers/get-product.js';
import { listProductsHandler } from '../handlers/list-products.js';
import { updateProductHandler } from '../handlers/update-product.js';
import { productPageSchema, productSchema } from './responses.js';

const etag: Record<string, HeaderObject> = {
  etag: {
    required: true,
    description:
      'The product’s version as a strong entity tag; send it back as `If-Match` to update only that version',
    schema: { type: 'string', pattern: '^"[1-9]\\d*"$' },
  },
};
const location: Record<string, HeaderObject> = {
  location: { required: true, description: 'The new product’s path', schema: { type: 'string' } },
};

const operations = (deps: DescribingDeps): Record<string, ApiOperation> => ({
  listProducts: {
    handler: listProductsHandler(deps()),
    tag: 'catalog',
    summary: 'List products, optionally of one category (in name order)',
    responses: { 200: { description: 'A page of products', body: 'ProductPage' } },
  },
  getProduct: {
    handler: getProductHandler(deps()),
    tag: 'catalog',
    summary: 'Read one product',
    responses: { 200: { description: 'The product', body: 'Product', headers: etag } },
    problems: [404],
  },
  createProduct: {
    handler: createProductHandler(deps()),
    tag: 'catalog',
    summary: 'Create a product (admins)',
    description: `The id is always the API's: one sent in the body is ignored. \`category\` defaults to \`${DEFAULT_CATEGORY}\`, \`description\` to empty; \`imageFile\` is accepted as an alias of \`imageUrl\`. Prices are integers in cents.`,
    responses: { 201: { description: 'Created', body: 'Product', headers: { ...location, ...etag } } },
  },
  updateProduct: {
    handler: updateProductHandler(deps()),
    tag: 'catalog',
    summary: 'Change some fields of a product (admins)',
    description: 'A partial update; an `id` in the body must be the product’s own.',
    headers: [
      {
        name: 'if-match',
        in: 'header',
        description:
          'Update only if the product is still at this version (its `ETag`); `*` or no header updates the current version. A stale version answers 412.',
        schema: { type: 'string', examples: ['"3"'] },
      },
    ],
    responses: { 200: { description: 'The updated product', body: 'Product', headers: etag } },
    problems: [404, 412],
  },
  deleteProduct: {
    handler: deleteProductHandler(deps()),
    tag: 'catalog',
    summary: 'Delete a product (admins)',
    responses: { 204: { description: 'Deleted' } },
    problems: [404],
  },
});

/** The product API's OpenAPI document, generated from its routes and handlers. */
export const productApiDocument = () =>
  serviceApiDocument({
    service,
    title: 'eshop product API',
    version: '1',
    description:
      'The catalog: public reads, admin writes. Prices are integers in minor units (cents); lists are paginated with an opaque cursor. Errors are application/problem+json (RFC 9457).',
    localUrl: 'http://127.0.0.1:3001',
    operations,
    schemas: { Product: productSchema, ProductPage: productPageSchema },
  });
