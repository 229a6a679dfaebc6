import { productIdSchema, ValidationError } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import { DEFAULT_CATEGORY, type Product } from './product.js';

// The bodies of POST and PUT /product and what they turn into. Apart from product.ts so that only
// createProduct and updateProduct build these schemas at init, not the functions that read
// (issue 14).

const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const description = z.string().check(z.trim(), z.maxLength(4000));
const category = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const price = z
  .number()
  .check(z.int('Must be an integer number of cents'), z.minimum(0), z.maximum(100_000_000));
const imageUrl = z.string().check(z.trim(), z.minLength(1), z.maxLength(2048));

/**
 * Body of `POST /product`. `imageFile` is accepted as an alias of `imageUrl` because the original
 * reference's clients send it; so are their `id`s, ignored like any unknown field (unless the
 * client asks for `Prefer: handling=strict`): the id is always ours.
 */
export const newProductSchema = z.pipe(
  z.strictObject({
    name,
    description: z._default(description, ''),
    category: z._default(category, DEFAULT_CATEGORY),
    price,
    imageUrl: z.optional(imageUrl),
    imageFile: z.optional(imageUrl),
  }),
  z.transform(({ imageFile, imageUrl, ...rest }) => ({ ...rest, imageUrl: imageUrl ?? imageFile })),
);
export type NewProduct = z.output<typeof newProductSchema>;

/**
 * Body of `PUT /product/{id}`: a partial update, as in the original reference. An `id` may be sent
 * back unchanged (clients often PUT what they GOT) but never changed.
 */
export const productChangesSchema = z.pipe(
  z
    .partial(
      z.strictObject({
        id: productIdSchema,
        name,
        description,
        category,
        price,
        imageUrl,
        imageFile: imageUrl,
      }),
    )
    .check(
      z.refine(
        (changes) => Object.keys(changes).some((key) => key !== 'id'),
        'Send at least one field to change',
      ),
    ),
  z.transform(({ imageFile, imageUrl, ...rest }) => {
    const image = imageUrl ?? imageFile;
    return image === undefined ? rest : { ...rest, imageUrl: image };
  }),
);
export type ProductChanges = Omit<z.output<typeof productChangesSchema>, 'id'>;

/**
 * The changes a `PUT /product/{id}` body asks for. Its `id`, if any, must be the product's own:
 * ids never change.
 */
export const changesOf = (id: string, body: z.output<typeof productChangesSchema>): ProductChanges => {
  const { id: requestedId, ...changes } = body;
  if (requestedId !== undefined && requestedId !== id) {
    throw new ValidationError('A product id cannot be changed', [
      { in: 'body', pointer: '#/id', detail: `Must be ${id} or absent: ids cannot be changed` },
    ]);
  }
  return changes;
};

/** Builds a new product from validated input; id and clock are injected so this stays pure. */
export const newProduct = (input: NewProduct, id: string, now: Date): Product => {
  const timestamp = now.toISOString();
  const { imageUrl, ...rest } = input;
  return {
    id,
    ...rest,
    ...(imageUrl === undefined ? {} : { imageUrl }),
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
};
