import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CheckoutBasketDetail,
  cursorKeyString,
  decodeCursor,
  encodeCursor,
  isConditionalCheckFailed,
} from '@eshop/shared';
import * as z from 'zod';
import type { Basket } from '../domain/basket.js';
import type {
  BeginCheckout,
  CheckoutRecord,
  CompleteCheckout,
  DeleteBasket,
  FindBasket,
  FindCheckoutByKey,
  ListBaskets,
  RememberCheckoutKey,
  SaveBasket,
} from '../domain/ports.js';

/**
 * The basket table: one partition per user holding the basket (`sk = BASKET`) and the records of
 * checkouts started with an Idempotency-Key (`sk = CHECKOUT#<key>`, expiring after a week).
 */
export const BASKET_SK = 'BASKET';
export const basketKey = (userName: string) => ({ userName, sk: BASKET_SK });
export const checkoutKey = (userName: string, idempotencyKey: string) => ({
  userName,
  sk: `CHECKOUT#${idempotencyKey}`,
});

const CHECKOUT_RECORD_TTL_SECONDS = 7 * 24 * 3600;
const startKeySchema = z.strictObject({ userName: cursorKeyString(2048), sk: z.literal(BASKET_SK) });

interface BasketItem extends Basket {
  sk: string;
}

const toBasket = ({ sk: _sk, ...basket }: BasketItem): Basket => basket;

export const buildFindBasket =
  (documentClient: DynamoDBDocumentClient, tableName: string): FindBasket =>
  async (userName) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: basketKey(userName), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : toBasket(Item as BasketItem);
  };

export const buildSaveBasket =
  (documentClient: DynamoDBDocumentClient, tableName: string): SaveBasket =>
  async (basket) => {
    const { Attributes } = await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...basketKey(basket.userName), lines: basket.lines, updatedAt: basket.updatedAt },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return { created: Attributes === undefined };
  };

export const buildDeleteBasket =
  (documentClient: DynamoDBDocumentClient, tableName: string): DeleteBasket =>
  async (userName) => {
    await documentClient.send(new DeleteCommand({ TableName: tableName, Key: basketKey(userName) }));
  };

export const buildListBaskets =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListBaskets =>
  async ({ limit, cursor }) => {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: tableName,
        Limit: limit,
        FilterExpression: 'sk = :basket',
        ExpressionAttributeValues: { ':basket': BASKET_SK },
        ExclusiveStartKey: decodeCursor(cursor, startKeySchema),
      }),
    );
    return {
      items: (page.Items ?? []).map((item) => toBasket(item as BasketItem)),
      nextCursor: encodeCursor(page.LastEvaluatedKey),
    };
  };

export const buildFindCheckoutByKey =
  (documentClient: DynamoDBDocumentClient, tableName: string): FindCheckoutByKey =>
  async (userName, idempotencyKey) => {
    const { Item } = await documentClient.send(
      new GetCommand({
        TableName: tableName,
        Key: checkoutKey(userName, idempotencyKey),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : { detail: Item.detail, completed: Item.completed === true };
  };

const isTransactionCancelled = (error: unknown): boolean =>
  (error as { name?: string }).name === 'TransactionCanceledException';

/** The item that remembers which checkout an idempotency key started, for a week. */
const checkoutRecord = (
  userName: string,
  idempotencyKey: string,
  detail: CheckoutBasketDetail,
  now: () => Date,
): CheckoutRecord & Record<string, unknown> => ({
  ...checkoutKey(userName, idempotencyKey),
  detail,
  completed: false,
  expiresAt: Math.floor(now().getTime() / 1000) + CHECKOUT_RECORD_TTL_SECONDS,
});

export const buildBeginCheckout =
  (documentClient: DynamoDBDocumentClient, tableName: string, now: () => Date): BeginCheckout =>
  async (basket, detail, idempotencyKey) => {
    const attachToBasket = {
      Update: {
        TableName: tableName,
        Key: basketKey(basket.userName),
        UpdateExpression: 'SET pendingCheckout = :detail',
        // Only the basket that was priced, and only one checkout at a time.
        ConditionExpression: 'updatedAt = :updatedAt AND attribute_not_exists(pendingCheckout)',
        ExpressionAttributeValues: { ':detail': detail, ':updatedAt': basket.updatedAt },
      },
    };
    const recordKey =
      idempotencyKey === undefined
        ? []
        : [
            {
              Put: {
                TableName: tableName,
                Item: checkoutRecord(basket.userName, idempotencyKey, detail, now),
                ConditionExpression: 'attribute_not_exists(sk)',
              },
            },
          ];
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [attachToBasket, ...recordKey] }));
      return true;
    } catch (error) {
      if (isTransactionCancelled(error)) return false;
      throw error;
    }
  };

export const buildRememberCheckoutKey =
  (documentClient: DynamoDBDocumentClient, tableName: string, now: () => Date): RememberCheckoutKey =>
  async (userName, idempotencyKey, detail) => {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: checkoutRecord(userName, idempotencyKey, detail, now),
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  };

export const buildCompleteCheckout =
  (documentClient: DynamoDBDocumentClient, tableName: string): CompleteCheckout =>
  async (detail: CheckoutBasketDetail, idempotencyKey) => {
    // Basket first: if we crash before marking the key, a retry with it republishes the same event
    // (deduplicated downstream) and finishes here; the reverse order could leave a full basket.
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: basketKey(detail.userName),
          ConditionExpression: 'pendingCheckout.checkoutId = :checkoutId',
          ExpressionAttributeValues: { ':checkoutId': detail.checkoutId },
        }),
      );
    } catch (error) {
      // Already deleted by an earlier attempt, or replaced by the user since: nothing to empty.
      if (!isConditionalCheckFailed(error)) throw error;
    }
    if (idempotencyKey === undefined) return;
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName,
          Key: checkoutKey(detail.userName, idempotencyKey),
          UpdateExpression: 'SET completed = :true',
          // Only the record this key started; never create one for a checkout another key began.
          ConditionExpression: 'detail.checkoutId = :checkoutId',
          ExpressionAttributeValues: { ':true': true, ':checkoutId': detail.checkoutId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  };

/** All adapters of the basket table, bound to one client, table name and clock (for tests). */
export const basketTable = (documentClient: DynamoDBDocumentClient, tableName: string, now: () => Date) => ({
  findBasket: buildFindBasket(documentClient, tableName),
  saveBasket: buildSaveBasket(documentClient, tableName),
  deleteBasket: buildDeleteBasket(documentClient, tableName),
  listBaskets: buildListBaskets(documentClient, tableName),
  findCheckoutByKey: buildFindCheckoutByKey(documentClient, tableName),
  beginCheckout: buildBeginCheckout(documentClient, tableName, now),
  rememberCheckoutKey: buildRememberCheckoutKey(documentClient, tableName, now),
  completeCheckout: buildCompleteCheckout(documentClient, tableName),
});
