import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { aCheckout } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { orderFromCheckout } from '../domain/order.js';
import { buildSaveNewOrder, checkoutGuardKey, orderKey } from './order-table.js';

describe('saveNewOrder, when the checkout’s guard is already taken', () => {
  // DynamoDB Local is always consistent, so only the request itself can show this: the guard was
  // just written by another delivery, and an eventually consistent read of the order it names may
  // not find it yet, which would turn a redelivery into a conflict sent to the DLQ.
  it('reads the order the guard names with a strongly consistent read', async () => {
    const order = orderFromCheckout(aCheckout(), new Date('2026-12-01T08:00:00.000Z'));
    const guard = {
      ...checkoutGuardKey(order.checkoutId),
      checkoutId: order.checkoutId,
      order: orderKey(order),
    };
    const sent: unknown[] = [];
    const documentClient = {
      send: async (command: unknown) => {
        sent.push(command);
        if (command instanceof GetCommand) return { Item: { ...order, ...orderKey(order) } };
        throw Object.assign(new Error('Transaction cancelled'), {
          name: 'TransactionCanceledException',
          CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: marshall(guard) }, { Code: 'None' }],
        });
      },
    } as unknown as DynamoDBDocumentClient;

    const saved = await buildSaveNewOrder(documentClient, 'orders')(order);

    expect(saved).toEqual({ placed: false, existing: order });
    const read = sent.find((command) => command instanceof GetCommand);
    expect(read?.input).toEqual({ TableName: 'orders', Key: orderKey(order), ConsistentRead: true });
  });
});
