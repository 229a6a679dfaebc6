import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  cursorKeyString,
  decodeCursor,
  encodeCursor,
  isConditionalCheckFailed,
  ServiceUnavailableError,
} from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type {
  DeleteProduct,
  FindProduct,
  FindProducts,
  ListProducts,
  SaveNewProduct,
  UpdateProduct,
} from '../domain/ports.js';
import { MAX_PRODUCTS_PER_LOOKUP, type Product } from '../domain/product.js';

/** The product table: one item per product, keyed by id; GSI `byCategory` (category, name). */
export const CATEGORY_INDEX = 'byCategory';

export const productKey = (id: string) => ({ id });

// What a cursor may decode to: exactly a table key or an index key, nothing else. Lazy: built
// when a cursor is first decoded, not at the init of every function that imports this module.
const tableKeySchema = z.lazy(() => z.strictObject({ id: cursorKeyString(2048) }));
const indexKeySchema = z.lazy(() =>
  z.strictObject({
    id: cursorKeyString(2048),
    category: cursorKeyString(2048),
    name: cursorKeyString(1024),
  }),
);

/** A category cursor is only valid for the category it was issued for. */
const categoryStartKey = (cursor: string | undefined, category: string) =>
  decodeCursor(cursor, indexKeySchema.check(z.refine((key) => key.category === category)));

const toProduct = (item: Record<string, unknown>): Product => item as unknown as Product;

/** `version IN (...)`; an empty list can never hold. */
const versionCondition = (expected: readonly number[]) => {
  if (expected.length === 0) return { expression: 'attribute_not_exists(id)', values: {} };
  const names = expected.map((_, i) => `:expected${i}`);
  return {
    expression: `#version IN (${names.join(', ')})`,
    values: Object.fromEntries(expected.map((version, i) => [names[i], version])),
  };
};

/** The stored version of the item a failed condition saw (DynamoDB returns it raw), if it exists. */
const versionSeenBy = (error: unknown): number | undefined => {
  const item = (error as { Item?: { version?: { N?: string } } }).Item;
  return item === undefined ? undefined : Number(item.version?.N);
};

export const buildSaveNewProduct =
  (documentClient: DynamoDBDocumentClient, tableName: string): SaveNewProduct =>
  async (product) => {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: product,
        ConditionExpression: 'attribute_not_exists(id)',
      }),
    );
  };

export const buildFindProduct =
  (documentClient: DynamoDBDocumentClient, tableName: string): FindProduct =>
  async (id) => {
    const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: productKey(id) }));
    return Item === undefined ? undefined : toProduct(Item);
  };

export const buildUpdateProduct =
  (documentClient: DynamoDBDocumentClient, tableName: string): UpdateProduct =>
  async (id, changes, updatedAt, expected = 'any') => {
    // One SET per changed field: concurrent updates of different fields never overwrite each other,
    // and the version goes up by one per update, whichever fields it changed.
    const fields = Object.entries({ ...changes, updatedAt }).filter(([, value]) => value !== undefined);
    const condition = expected === 'any' ? undefined : versionCondition(expected);
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: productKey(id),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}, #version = #version + :one`,
          ExpressionAttributeNames: {
            ...Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
            '#version': 'version',
          },
          ExpressionAttributeValues: {
            ...Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
            ':one': 1,
            ...condition?.values,
          },
          ConditionExpression:
            condition === undefined
              ? 'attribute_exists(id)'
              : `attribute_exists(id) AND ${condition.expression}`,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Attributes === undefined
        ? { outcome: 'missing' }
        : { outcome: 'updated', product: toProduct(Attributes) };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const currentVersion = versionSeenBy(error);
      return currentVersion === undefined ? { outcome: 'missing' } : { outcome: 'stale', currentVersion };
    }
  };

export const buildDeleteProduct =
  (documentClient: DynamoDBDocumentClient, tableName: string): DeleteProduct =>
  async (id) => {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: productKey(id),
          ConditionExpression: 'attribute_exists(id)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  };

/** Rounds of retrying the keys DynamoDB left unprocessed (throttled) before giving up with a 503. */
const BATCH_ROUNDS = 4;

/**
 * One BatchGetItem for up to 100 ids, read as `GET /product/{id}` reads one. DynamoDB may leave
 * keys unprocessed under load without failing the call: those are asked again with a short
 * backoff, and a 503 follows if some are still left.
 */
export const buildFindProducts =
  (documentClient: DynamoDBDocumentClient, tableName: string): FindProducts =>
  async (ids) => {
    const distinct = [...new Set(ids)];
    if (distinct.length === 0) return [];
    if (distinct.length > MAX_PRODUCTS_PER_LOOKUP)
      throw new RangeError(`At most ${MAX_PRODUCTS_PER_LOOKUP} ids per lookup`);
    const found = new Map<string, Product>();
    let keys: Record<string, unknown>[] | undefined = distinct.map(productKey);
    for (let round = 0; keys !== undefined && keys.length > 0; round++) {
      if (round === BATCH_ROUNDS) {
        throw new ServiceUnavailableError('The product table is busy; retry shortly');
      }
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const result: BatchGetCommandOutput = await documentClient.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys } } }),
      );
      for (const item of result.Responses?.[tableName] ?? []) {
        const product = toProduct(item);
        found.set(product.id, product);
      }
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
    return distinct.flatMap((id) => {
      const product = found.get(id);
      return product === undefined ? [] : [product];
    });
  };

export const buildListProducts =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListProducts =>
  async ({ category, limit, cursor }) => {
    const page =
      category === undefined
        ? await documentClient.send(
            new ScanCommand({
              TableName: tableName,
              Limit: limit,
              ExclusiveStartKey: decodeCursor(cursor, tableKeySchema),
            }),
          )
        : await documentClient.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: CATEGORY_INDEX,
              KeyConditionExpression: 'category = :category',
              ExpressionAttributeValues: { ':category': category },
              Limit: limit,
              ExclusiveStartKey: categoryStartKey(cursor, category),
            }),
          );
    return { items: (page.Items ?? []).map(toProduct), nextCursor: encodeCursor(page.LastEvaluatedKey) };
  };

/** All adapters of the product table, bound to one client and table name (for tests). */
export const productTable = (documentClient: DynamoDBDocumentClient, tableName: string) => ({
  saveNewProduct: buildSaveNewProduct(documentClient, tableName),
  findProduct: buildFindProduct(documentClient, tableName),
  findProducts: buildFindProducts(documentClient, tableName),
  updateProduct: buildUpdateProduct(documentClient, tableName),
  deleteProduct: buildDeleteProduct(documentClient, tableName),
  listProducts: buildListProducts(documentClient, tableName),
});
