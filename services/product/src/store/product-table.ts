import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, isConditionalCheckFailed } from '@eshop/shared';
import { z } from 'zod';
import type {
  DeleteProduct,
  FindProduct,
  ListProducts,
  SaveNewProduct,
  UpdateProduct,
} from '../domain/ports.js';
import type { Product } from '../domain/product.js';

/** The product table: one item per product, keyed by id; GSI `byCategory` (category, name). */
export const CATEGORY_INDEX = 'byCategory';

export const productKey = (id: string) => ({ id });

// What a cursor may decode to: exactly a table key or an index key, nothing else.
const tableKeySchema = z.strictObject({ id: z.string() });
const indexKeySchema = z.strictObject({ id: z.string(), category: z.string(), name: z.string() });

/** A category cursor is only valid for the category it was issued for. */
const categoryStartKey = (cursor: string | undefined, category: string) =>
  decodeCursor(
    cursor,
    indexKeySchema.refine((key) => key.category === category),
  );

const toProduct = (item: Record<string, unknown>): Product => item as unknown as Product;

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
  async (id, changes, updatedAt) => {
    // One SET per changed field: concurrent updates of different fields never overwrite each other.
    const fields = Object.entries({ ...changes, updatedAt }).filter(([, value]) => value !== undefined);
    try {
      const { Attributes } = await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: productKey(id),
          UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(fields.map(([name], i) => [`#f${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(fields.map(([, value], i) => [`:v${i}`, value])),
          ConditionExpression: 'attribute_exists(id)',
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes === undefined ? undefined : toProduct(Attributes);
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
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

/** All adapters of the product table, bound to one client and table name. */
export const productTable = (documentClient: DynamoDBDocumentClient, tableName: string) => ({
  saveNewProduct: buildSaveNewProduct(documentClient, tableName),
  findProduct: buildFindProduct(documentClient, tableName),
  updateProduct: buildUpdateProduct(documentClient, tableName),
  deleteProduct: buildDeleteProduct(documentClient, tableName),
  listProducts: buildListProducts(documentClient, tableName),
});
export type ProductTable = ReturnType<typeof productTable>;
