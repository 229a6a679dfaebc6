import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * For the benchmark only: extra pollers on the checkout queue, each doing what the local cloud's
 * event source mapping does (receive up to 10, invoke the function on serverless-offline, delete
 * what it did not report failed). The mapping already runs Lambda's five initial pollers; these
 * add more, as Lambda does while a queue has a backlog, to show where the consumer's limit is.
 */
export const startExtraPollers = ({
  sqs,
  queueUrl,
  queueArn,
  lambdaEndpoint,
  functionName,
  count,
}: {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  lambdaEndpoint: string;
  functionName: string;
  count: number;
}) => {
  const lambda = new LambdaClient({
    endpoint: lambdaEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  let running = true;

  const toRecord = (message: Message) => ({
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), ...message.Attributes },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  });

  const pollOnce = async (): Promise<boolean> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return false;
    const { Payload } = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: Buffer.from(JSON.stringify({ Records: Messages.map(toRecord) })),
      }),
    );
    const response = JSON.parse(Buffer.from(Payload ?? new Uint8Array()).toString('utf8') || '{}') as {
      batchItemFailures?: { itemIdentifier: string }[];
    };
    const failed = new Set((response.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    const processed = Messages.filter((m) => !failed.has(m.MessageId ?? ''));
    if (processed.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: processed.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    return true;
  };

  const loops = Array.from({ length: count }, async () => {
    while (running) {
      const busy = await pollOnce().catch(() => false);
      if (!busy) await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });

  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      lambda.destroy();
    },
  };
};
