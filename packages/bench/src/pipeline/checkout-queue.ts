import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';

/** Ordering's checkout queue in the local cloud (stage `local`). */
export const CHECKOUT_QUEUE_NAME = 'eshop-ordering-local-checkout';

export const benchSqsClient = (endpoint: string): SQSClient =>
  new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

export const checkoutQueueUrl = async (sqs: SQSClient): Promise<string> => {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: CHECKOUT_QUEUE_NAME }));
  if (QueueUrl === undefined) throw new Error(`no queue ${CHECKOUT_QUEUE_NAME}`);
  return QueueUrl;
};

/**
 * Waits until the queue is empty (nothing waiting, nothing in flight) twice in a row, so a phase
 * never measures the tail of the previous one's orders.
 */
export const waitForEmptyQueue = async (
  sqs: SQSClient,
  queueUrl: string,
  timeoutMs = 120_000,
): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  let emptyChecks = 0;
  while (emptyChecks < 2) {
    if (performance.now() > deadline) throw new Error('the checkout queue did not drain in time');
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const inQueue =
      Number(Attributes.ApproximateNumberOfMessages ?? 0) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
    emptyChecks = inQueue === 0 ? emptyChecks + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};
