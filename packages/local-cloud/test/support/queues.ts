import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Creates a queue and answers its URL and ARN (the ARN is what an EventBridge rule targets). */
export const createQueue = async (sqs: SQSClient, queueName: string) => {
  const { QueueUrl: url } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  if (url === undefined) throw new Error(`queue ${queueName} was not created`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`queue ${queueName} has no ARN`);
  return { url, arn };
};

/**
 * Takes every message off the queue and answers their bodies (the local SQS, like AWS, purges
 * once a minute at most).
 */
export const takeAllMessages = async (sqs: SQSClient, queueUrl: string): Promise<string[]> => {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((message) => message.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
  }
};
