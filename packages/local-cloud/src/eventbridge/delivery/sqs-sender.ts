import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { parseSqsQueueArn } from '../arns.js';

/** Thrown for deliveries that cannot succeed on retry (no such queue, unsupported target type). */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

const MISSING_QUEUE_ERRORS = new Set(['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue']);

export interface SqsMessage {
  readonly body: string;
  readonly messageGroupId?: string;
  readonly deduplicationId?: string;
  readonly attributes?: Record<string, string>;
}

export interface SqsSender {
  /** Resolves with the new message's id. */
  send(queueArn: string, message: SqsMessage): Promise<string | undefined>;
  destroy(): void;
}

/** Sends to queues named by ARN, resolving and caching their URLs through GetQueueUrl. */
export function createSqsSender(endpoint: string, region: string): SqsSender {
  const client = new SQSClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Retries belong to the target's RetryPolicy, not to the SDK.
    maxAttempts: 1,
  });
  const queueUrls = new Map<string, Promise<string>>();

  const queueUrl = (arn: string, queueName: string): Promise<string> => {
    let url = queueUrls.get(arn);
    if (!url) {
      url = client.send(new GetQueueUrlCommand({ QueueName: queueName })).then((result) => {
        if (!result.QueueUrl) throw new Error(`GetQueueUrl returned no URL for ${queueName}`);
        return result.QueueUrl;
      });
      queueUrls.set(arn, url);
      // A failed lookup must not be cached: the queue may be created later.
      url.catch(() => queueUrls.delete(arn));
    }
    return url;
  };

  return {
    async send(arn, message) {
      const queue = parseSqsQueueArn(arn);
      if (!queue)
        throw new PermanentDeliveryError(`Unsupported target ARN ${arn}: only SQS queues are emulated`);
      try {
        const { MessageId } = await client.send(
          new SendMessageCommand({
            QueueUrl: await queueUrl(arn, queue.queueName),
            MessageBody: message.body,
            MessageGroupId: message.messageGroupId,
            MessageDeduplicationId: message.deduplicationId,
            MessageAttributes: message.attributes
              ? Object.fromEntries(
                  Object.entries(message.attributes).map(([name, value]) => [
                    name,
                    { DataType: 'String', StringValue: value },
                  ]),
                )
              : undefined,
          }),
        );
        return MessageId;
      } catch (error) {
        const name = (error as Error).name;
        if (MISSING_QUEUE_ERRORS.has(name)) {
          queueUrls.delete(arn);
          throw new PermanentDeliveryError(`Queue ${queue.queueName} does not exist`, { cause: error });
        }
        throw error;
      }
    },
    destroy: () => client.destroy(),
  };
}
