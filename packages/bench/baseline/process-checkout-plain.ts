// processCheckout written "the plain way", as the consumer's own comparison point for the
// cold-start benchmark: bundled by esbuild as CommonJS, not minified, AWS SDK v3 bundled in, no
// middleware, no schema library, no logger library. Same work per record as ordering's
// processCheckout: parse the SQS body, write the checkout's guard and its order in one conditional
// transaction, log a line, and report failed records for SQS to redeliver.
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tableName = process.env.ORDER_TABLE_NAME;

const orderIdFor = (checkoutId: string): string => {
  const hex = createHash('sha1').update(checkoutId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

const placeOrder = async (record: SQSRecord): Promise<void> => {
  const { detail } = JSON.parse(record.body);
  if (typeof detail?.checkoutId !== 'string' || typeof detail.userName !== 'string') {
    throw new Error('not a CheckoutBasket event');
  }
  const orderId = orderIdFor(detail.checkoutId);
  const orderKey = `${new Date(detail.checkedOutAt).toISOString()}#${orderId}`;
  const order = { ...detail, orderId, status: 'PLACED', createdAt: new Date().toISOString() };
  await documentClient.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { userName: `checkout#${detail.checkoutId}`, orderKey: 'guard', order: orderKey },
            ConditionExpression: 'attribute_not_exists(orderKey)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: { ...order, userName: detail.userName, orderKey },
            ConditionExpression: 'attribute_not_exists(orderKey)',
          },
        },
      ],
    }),
  );
  console.log(JSON.stringify({ message: 'Order placed', messageId: record.messageId, orderId }));
};

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const settled = await Promise.allSettled(event.Records.map(placeOrder));
  return {
    batchItemFailures: event.Records.flatMap((record, index) =>
      settled[index]?.status === 'rejected' ? [{ itemIdentifier: record.messageId }] : [],
    ),
  };
};
