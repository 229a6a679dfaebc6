import { NotFoundError, PreconditionFailedError, ValidationError } from '@eshop/shared';
import type { DeleteProduct, ExpectedVersion, FindProduct, SaveNewProduct, UpdateProduct } from './ports.js';
import { type NewProduct, newProduct, type Product, type ProductChanges } from './product.js';

const notFound = (id: string): NotFoundError => new NotFoundError(`Product ${id} does not exist`);

export interface Clock {
  now: () => Date;
  newId: () => string;
}

export const addProduct =
  ({ saveNewProduct, clock }: { saveNewProduct: SaveNewProduct; clock: Clock }) =>
  async (input: NewProduct): Promise<Product> => {
    const product = newProduct(input, clock.newId(), clock.now());
    await saveNewProduct(product);
    return product;
  };

export const getProduct =
  ({ findProduct }: { findProduct: FindProduct }) =>
  async (id: string): Promise<Product> => {
    const product = await findProduct(id);
    if (product === undefined) throw notFound(id);
    return product;
  };

export const changeProduct =
  ({ updateProduct, clock }: { updateProduct: UpdateProduct; clock: Clock }) =>
  async (
    id: string,
    changes: ProductChanges & { id?: string },
    expected: ExpectedVersion = 'any',
  ): Promise<Product> => {
    const { id: requestedId, ...fields } = changes;
    if (requestedId !== undefined && requestedId !== id) {
      throw new ValidationError('A product id cannot be changed', [
        { in: 'body', pointer: '#/id', detail: `Must be ${id} or absent: ids cannot be changed` },
      ]);
    }
    const result = await updateProduct(id, fields, clock.now().toISOString(), expected);
    if (result.outcome === 'missing') throw notFound(id);
    if (result.outcome === 'stale') {
      throw new PreconditionFailedError(
        `Product ${id} is at version ${result.currentVersion}, not ${(expected as readonly number[]).join(' or ') || 'the one in If-Match'}; fetch it again and reapply your change`,
      );
    }
    return result.product;
  };

export const removeProduct =
  ({ deleteProduct }: { deleteProduct: DeleteProduct }) =>
  async (id: string): Promise<void> => {
    if (!(await deleteProduct(id))) throw notFound(id);
  };
