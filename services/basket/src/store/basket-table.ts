import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type CheckoutBasketDetail,
  cursorKeyString,
  isConditionalCheckFailed,
  ServiceUnavailableError,
  scanPage,
} from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { Basket } from '../domain/basket.js';
import type { PendingCheckoutGuard } from '../domain/pending-checkout.js';
import type {
  BeginCheckout,
  BlockedByCheckout,
  CheckoutRecord,
  CompleteCheckout,
  DeleteBasket,
  FindBasket,
  FindCheckoutByKey,
  IsCheckoutCompleted,
  ListBaskets,
  RememberCheckoutKey,
  SaveBasket,
} from '../domain/ports.js';

/**
 * The basket table: one partition per user holding
 * - the basket (`sk = BASKET`), with any pending checkout on it;
 * - the checkouts started or resumed with an Idempotency-Key (`sk = CHECKOUT#<key>`);
 * - a marker per completed checkout (`sk = COMPLETED#<checkoutId>`).
 * Records and markers expire (TTL `expiresAt`) once no client would retry anymore.
 */
export const BASKET_SK = 'BASKET';
export const basketKey = (userName: string) => ({ userName, sk: BASKET_SK });
export const checkoutKey = (userName: string, idempotencyKey: string) => ({
  userName,
  sk: `CHECKOUT#${idempotencyKey}`,
});
export const completedKey = (userName: string, checkoutId: string) => ({
  userName,
  sk: `COMPLETED#${checkoutId}`,
});

const CHECKOUT_RECORD_TTL_SECONDS = 7 * 24 * 3600;
// Longer than a key record can outlive the checkout's start (it may be written when resumed).
const COMPLETED_MARKER_TTL_SECONDS = 8 * 24 * 3600;
// A page may end on any item of the table, so a cursor may name any of its keys. Lazy: built
// when a cursor is first decoded, not at the init of every function that imports this module.
const startKeySchema = z.lazy(() =>
  z.strictObject({
    userName: cursorKeyString(2048),
    sk: cursorKeyString().check(z.refine((sk) => /^(BASKET$|CHECKOUT#|COMPLETED#)/.test(sk))),
  }),
);

interface BasketItem extends Basket {
  sk: string;
}

const toBasket = ({ sk: _sk, ...basket }: BasketItem): Basket => basket;

/** The item a conditional write found in its way (ReturnValuesOnConditionCheckFailure). */
const itemInTheWay = (error: unknown): Record<string, unknown> | undefined => {
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return item === undefined ? undefined : unmarshall(item);
};

/** The pending checkout that kept a guarded write from happening; rethrows anything else. */
const blockedBy = (error: unknown): BlockedByCheckout => {
  const pendingCheckout = itemInTheWay(error)?.pendingCheckout as CheckoutBasketDetail | undefined;
  if (!isConditionalCheckFailed(error) || pendingCheckout === undefined) throw error;
  return { pendingCheckout };
};

/** Writes to the basket only if it has no pending checkout started after the guard's time. */
const unlessCheckoutPending = (guard: PendingCheckoutGuard) => ({
  ConditionExpression:
    'attribute_not_exists(pendingCheckout) OR pendingCheckout.checkedOutAt <= :startedAfter',
  ExpressionAttributeValues: { ':startedAfter': guard.startedAfter },
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
});

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
  async (basket, guard) => {
    try {
      const { Attributes } = await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...basketKey(basket.userName),
            lines: basket.lines,
            updatedAt: basket.updatedAt,
            revision: basket.revision,
          },
          ReturnValues: 'ALL_OLD',
          ...unlessCheckoutPending(guard),
        }),
      );
      return { created: Attributes === undefined };
    } catch (error) {
      return blockedBy(error);
    }
  };

export const buildDeleteBasket =
  (documentClient: DynamoDBDocumentClient, tableName: string): DeleteBasket =>
  async (userName, guard) => {
    try {
      await documentClient.send(
        new DeleteCommand({
          TableName: tableName,
          Key: basketKey(userName),
          ...unlessCheckoutPending(guard),
        }),
      );
      return undefined;
    } catch (error) {
      return blockedBy(error);
    }
  };

export const buildListBaskets =
  (documentClient: DynamoDBDocumentClient, tableName: string): ListBaskets =>
  ({ limit, cursor }) =>
    // Checkout records and markers share the table: only basket items are listed.
    scanPage(documentClient, {
      tableName,
      limit,
      cursor,
      startKeySchema,
      filter: { FilterExpression: 'sk = :basket', ExpressionAttributeValues: { ':basket': BASKET_SK } },
      toItem: (item) => toBasket(item as unknown as BasketItem),
      keyOf: (basket) => basketKey(basket.userName),
    });

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

/** The reasons DynamoDB gave for cancelling a transaction, or undefined for any other error. */
const cancellationReasons = (error: unknown): string[] | undefined =>
  (error as { name?: string }).name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
        (reason) => reason.Code ?? 'None',
      )
    : undefined;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * The item that remembers which checkout an idempotency key stands for, for a week after the
 * checkout. Made of the checkout alone (no clock): the same checkout always writes the same item,
 * so a transaction resent with its token a second later is the same request, not a mismatch.
 */
const checkoutRecord = (
  userName: string,
  idempotencyKey: string,
  detail: CheckoutBasketDetail,
): CheckoutRecord & Record<string, unknown> => ({
  ...checkoutKey(userName, idempotencyKey),
  detail,
  completed: false,
  expiresAt: epochSeconds(new Date(detail.checkedOutAt)) + CHECKOUT_RECORD_TTL_SECONDS,
});

/** Only the revision that was priced, and only one checkout at a time. */
const isRevisionPriced = (basket: Basket) =>
  basket.revision === undefined
    ? {
        // Saved before revisions existed: its timestamp is all there is.
        ConditionExpression:
          'attribute_not_exists(revision) AND updatedAt = :updatedAt AND attribute_not_exists(pendingCheckout)',
        ExpressionAttributeValues: { ':updatedAt': basket.updatedAt },
      }
    : {
        ConditionExpression: 'revision = :revision AND attribute_not_exists(pendingCheckout)',
        ExpressionAttributeValues: { ':revision': basket.revision },
      };

export const buildBeginCheckout =
  (documentClient: DynamoDBDocumentClient, tableName: string): BeginCheckout =>
  async (basket, detail, idempotencyKey) => {
    const priced = isRevisionPriced(basket);
    const attachToBasket = {
      Update: {
        TableName: tableName,
        Key: basketKey(basket.userName),
        UpdateExpression: 'SET pendingCheckout = :detail',
        ConditionExpression: priced.ConditionExpression,
        ExpressionAttributeValues: { ...priced.ExpressionAttributeValues, ':detail': detail },
      },
    };
    const recordKey =
      idempotencyKey === undefined
        ? []
        : [
            {
              Put: {
                TableName: tableName,
                Item: checkoutRecord(basket.userName, idempotencyKey, detail),
                ConditionExpression: 'attribute_not_exists(sk)',
              },
            },
          ];
    try {
      await documentClient.send(
        new TransactWriteCommand({
          TransactItems: [attachToBasket, ...recordKey],
          // One checkout, one token: the SDK resending a transaction that committed (its answer
          // was lost) gets that success again instead of failing its own conditions.
          ClientRequestToken: detail.checkoutId,
        }),
      );
      return 'begun';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      return reasons.includes('ConditionalCheckFailed') ? 'changed' : 'busy';
    }
  };

export const buildRememberCheckoutKey =
  (documentClient: DynamoDBDocumentClient, tableName: string): RememberCheckoutKey =>
  async (userName, idempotencyKey, detail) => {
    try {
      await documentClient.send(
        new PutCommand({
          TableName: tableName,
          Item: checkoutRecord(userName, idempotencyKey, detail),
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  };

export const buildCompleteCheckout =
  (documentClient: DynamoDBDocumentClient, tableName: string): CompleteCheckout =>
  async (detail) => {
    const marker = {
      Put: {
        TableName: tableName,
        Item: {
          ...completedKey(detail.userName, detail.checkoutId),
          checkoutId: detail.checkoutId,
          expiresAt: epochSeconds(new Date(detail.checkedOutAt)) + COMPLETED_MARKER_TTL_SECONDS,
        },
      },
    };
    const emptyBasket = {
      Delete: {
        TableName: tableName,
        Key: basketKey(detail.userName),
        ConditionExpression: 'pendingCheckout.checkoutId = :checkoutId',
        ExpressionAttributeValues: { ':checkoutId': detail.checkoutId },
      },
    };
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: [marker, emptyBasket] }));
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons === undefined) throw error;
      if (!reasons.includes('ConditionalCheckFailed')) {
        throw new ServiceUnavailableError('The basket is busy with another request; retry shortly', 1, {
          cause: error,
        });
      }
      // The basket no longer carries it (completed by an overlapping attempt, or replaced after it
      // expired): only record the completion.
      await documentClient.send(new PutCommand(marker.Put));
    }
  };

export const buildIsCheckoutCompleted =
  (documentClient: DynamoDBDocumentClient, tableName: string): IsCheckoutCompleted =>
  async (userName, checkoutId) => {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: completedKey(userName, checkoutId), ConsistentRead: true }),
    );
    return Item !== undefined;
  };

/** All adapters of the basket table, bound to one client and table name (for tests). */
export const basketTable = (documentClient: DynamoDBDocumentClient, tableName: string) => ({
  findBasket: buildFindBasket(documentClient, tableName),
  saveBasket: buildSaveBasket(documentClient, tableName),
  deleteBasket: buildDeleteBasket(documentClient, tableName),
  listBaskets: buildListBaskets(documentClient, tableName),
  findCheckoutByKey: buildFindCheckoutByKey(documentClient, tableName),
  beginCheckout: buildBeginCheckout(documentClient, tableName),
  rememberCheckoutKey: buildRememberCheckoutKey(documentClient, tableName),
  completeCheckout: buildCompleteCheckout(documentClient, tableName),
  isCheckoutCompleted: buildIsCheckoutCompleted(documentClient, tableName),
});
