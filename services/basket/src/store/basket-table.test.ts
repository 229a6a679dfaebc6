import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '@eshop/shared';
import { aCheckout } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { basketTable } from './basket-table.js';

// What DynamoDB Local cannot show (it is always consistent and never cancels a transaction on its
// own): the requests the adapters send, and how they read DynamoDB's errors, over a fake client.
const TABLE = 'baskets';
const detail = aCheckout({ checkoutId: 'c-1', userName: 'ada' });

/** A client answering every command with `answer`, recording the commands sent. */
const clientAnswering = (answer: (command: unknown) => unknown) => {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return answer(command);
    },
  };
  return { table: basketTable(client as unknown as DynamoDBDocumentClient, TABLE), sent };
};

const failingWith = (error: Error) =>
  clientAnswering(() => {
    throw error;
  }).table;

describe('the basket table', () => {
  it('reads the basket, key records and completion markers strongly consistent: a write just made must be seen', async () => {
    const { table, sent } = clientAnswering(() => ({}));

    await table.findBasket('ada');
    await table.findCheckoutByKey('ada', 'key-1');
    await table.isCheckoutCompleted('ada', 'c-1');

    expect(sent).toHaveLength(3);
    for (const command of sent) {
      expect(command).toBeInstanceOf(GetCommand);
      expect((command as GetCommand).input).toMatchObject({ TableName: TABLE, ConsistentRead: true });
    }
  });

  it('reads a key record written before completions had markers as completed', async () => {
    const { table } = clientAnswering(() => ({
      Item: { userName: 'ada', sk: 'CHECKOUT#key-1', detail, completed: true },
    }));

    await expect(table.findCheckoutByKey('ada', 'key-1')).resolves.toEqual({ detail, completed: true });
  });

  it('passes on an error that is not a cancelled transaction, instead of answering that the basket is busy', async () => {
    const invalid = Object.assign(new Error('One or more parameter values were invalid'), {
      name: 'ValidationException',
    });
    const table = failingWith(invalid);

    await expect(
      table.beginCheckout({ userName: 'ada', lines: [], updatedAt: 'x' }, detail, undefined),
    ).rejects.toBe(invalid);
    await expect(table.completeCheckout(detail)).rejects.toBe(invalid);
  });

  it('answers 503 "busy", keeping DynamoDB’s error as its cause, when a completion is cancelled for a conflict', async () => {
    const cancelled = Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    const completing = failingWith(cancelled).completeCheckout(detail);

    await expect(completing).rejects.toThrow(ServiceUnavailableError);
    await expect(completing).rejects.toMatchObject({
      message: 'The basket is busy with another request; retry shortly',
      retryAfterSeconds: 1,
      cause: cancelled,
    });
  });
});
