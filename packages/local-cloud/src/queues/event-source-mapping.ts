import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { consoleLogger, type Logger } from '../logger.js';
import { failedMessageIds } from './batch-response.js';

export interface EventSourceMappingOptions {
  sqsEndpoint: string;
  queueUrl: string;
  /** The queue's ARN as records carry it (`eventSourceARN`); read from the queue when omitted. */
  queueArn?: string;
  /** Most records per invocation, 1–10,000 (Lambda's limits); default 10. Above 10 needs a window. */
  batchSize?: number;
  /**
   * Longest time to gather a batch, 0–300 s; default 0. Locally this is an upper bound only:
   * gathering also stops at the first empty poll, so an idle queue delivers a message at once
   * instead of holding it for the whole window (Lambda may hold it). Batches still fill up to
   * `batchSize` under load, which is what the window is for.
   */
  maximumBatchingWindowSeconds?: number;
  /** `functionResponseType: ReportBatchItemFailures`: honour `batchItemFailures` in responses. */
  reportBatchItemFailures?: boolean;
  /** Runs the function; a rejection means the invocation failed (no record is deleted). */
  invoke: (event: SQSEvent) => Promise<unknown>;
  logger?: Logger;
  /** Pause after an empty poll, in ms; default 25. */
  idleDelayMs?: number;
  /** Pause after SQS itself failed (unreachable, queue missing), in ms; default 1000. */
  errorDelayMs?: number;
  /**
   * Batches in flight at once, each from its own poll loop; default 1. Lambda starts with five
   * pollers per queue (capped by the event's `maximumConcurrency`); the visibility timeout keeps
   * two loops from taking the same message.
   */
  concurrency?: number;
  /** Told how each batch ended, once its successes are deleted (the local cloud's trace listens). */
  onBatchSettled?: (batch: SettledBatch) => void;
}

/** How one invocation with a batch ended. */
export interface SettledBatch {
  readonly messages: readonly Message[];
  /** Ids of the messages left on the queue for another receive (all of them when `error` is set). */
  readonly failedIds: ReadonlySet<string>;
  /** Why the whole batch failed: the invocation's error or an invalid batch response. */
  readonly error?: string;
}

export interface RunningEventSourceMapping {
  /** Stops polling and resolves once the batch in flight (if any) is invoked and settled. */
  stop(): Promise<void>;
}

/** SQS's most messages per ReceiveMessage call. */
const MAX_MESSAGES_PER_RECEIVE = 10;

const validate = ({ batchSize, windowSeconds }: { batchSize: number; windowSeconds: number }) => {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new Error(`batchSize must be an integer from 1 to 10000, got ${batchSize}`);
  }
  if (!(windowSeconds >= 0 && windowSeconds <= 300)) {
    throw new Error(`maximumBatchingWindowSeconds must be from 0 to 300, got ${windowSeconds}`);
  }
  if (batchSize > MAX_MESSAGES_PER_RECEIVE && windowSeconds === 0) {
    // As Lambda: a batch larger than one receive needs time to be gathered.
    throw new Error('A batchSize above 10 needs a maximumBatchingWindowSeconds of at least 1');
  }
};

const toRecordAttributes = (message: Message): SQSRecord['attributes'] => {
  const attributes = message.Attributes ?? {};
  return {
    ...attributes,
    ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
    SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
    SenderId: attributes.SenderId ?? LOCAL_CREDENTIALS.accessKeyId,
    ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
  };
};

// Lambda's shape: lower-camel names, binary as base64, the reserved list fields present and empty.
const toRecordMessageAttributes = (
  attributes: Record<string, MessageAttributeValue> | undefined,
): SQSMessageAttributes =>
  Object.fromEntries(
    Object.entries(attributes ?? {}).map(([name, value]) => [
      name,
      {
        ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
        ...(value.BinaryValue === undefined
          ? {}
          : { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }),
        stringListValues: [],
        binaryListValues: [],
        dataType: value.DataType ?? 'String',
      },
    ]),
  );

/** The `SQSEvent` record Lambda builds for a received message. */
export const toSqsRecord = (message: Message, queueArn: string): SQSRecord => ({
  messageId: message.MessageId ?? '',
  receiptHandle: message.ReceiptHandle ?? '',
  body: message.Body ?? '',
  attributes: toRecordAttributes(message),
  messageAttributes: toRecordMessageAttributes(message.MessageAttributes),
  md5OfBody: message.MD5OfBody ?? '',
  ...(message.MD5OfMessageAttributes === undefined
    ? {}
    : { md5OfMessageAttributes: message.MD5OfMessageAttributes }),
  eventSource: 'aws:sqs',
  eventSourceARN: queueArn,
  awsRegion: queueArn.split(':')[3] || LOCAL_REGION,
});

/**
 * The local equivalent of Lambda's SQS event source mapping: polls a queue, invokes a function with
 * batches, and deletes what the function processed.
 *
 * - Success deletes every record; with `reportBatchItemFailures` every record except those the
 *   response lists in `batchItemFailures` (an invalid response fails the whole batch, as on AWS).
 * - A failed invocation (rejection, function error) deletes nothing.
 * - Records not deleted are left alone: SQS makes them visible again after the queue's visibility
 *   timeout, exactly as on AWS, and the queue's redrive policy moves them to the DLQ after
 *   maxReceiveCount receives. (Changing their visibility to 0 would retry sooner, but local-aws-sqs
 *   counts a ChangeMessageVisibility as a receive, which would send messages to the DLQ early.)
 *
 * It polls with short polls (WaitTimeSeconds 0) and a short pause when idle, because
 * local-aws-sqs's long polls always last their full wait and may return a message twice when its
 * visibility expires meanwhile; a batch is de-duplicated by message id for the same reason (the
 * latest receipt wins). Each of `concurrency` poll loops (Lambda's five pollers) has one batch in
 * flight at a time, so `stop()` only waits for those batches to settle.
 *
 * @example
 * const esm = startEventSourceMapping({
 *   sqsEndpoint: sqs.url, queueUrl, batchSize: 10, reportBatchItemFailures: true,
 *   invoke: invokeOfflineFunction(offline.lambdaEndpoint, 'eshop-ordering-local-processCheckout'),
 * });
 * // ...
 * await esm.stop();
 */
export const startEventSourceMapping = (options: EventSourceMappingOptions): RunningEventSourceMapping => {
  const {
    sqsEndpoint,
    queueUrl,
    batchSize = 10,
    maximumBatchingWindowSeconds: windowSeconds = 0,
    reportBatchItemFailures = false,
    invoke,
    logger = consoleLogger('[sqs-esm]', { verbose: false }),
    idleDelayMs = 25,
    errorDelayMs = 1000,
    concurrency = 1,
    onBatchSettled = () => undefined,
  } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a positive integer, got ${concurrency}`);
  }
  validate({ batchSize, windowSeconds });

  const client = new SQSClient({
    endpoint: sqsEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    // A failed poll is simply polled again; SDK retries would only delay stop().
    maxAttempts: 1,
  });
  const queueName = queueUrl.split('/').pop() ?? queueUrl;
  let running = true;
  const sleepers = new Set<() => void>();

  /** Sleeps, but wakes at once when stop() is called. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });

  const resolveQueueArn = async (): Promise<string> => {
    if (options.queueArn !== undefined) return options.queueArn;
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    if (Attributes?.QueueArn === undefined) throw new Error(`Queue ${queueUrl} has no ARN`);
    return Attributes.QueueArn;
  };

  const receive = async (max: number): Promise<Message[]> => {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: 0,
        // Both spellings: the current SDK's and the older one local-aws-sqs reads.
        MessageSystemAttributeNames: ['All'],
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages;
  };

  /** Up to batchSize distinct messages, within the batching window. */
  const gather = async (): Promise<Message[]> => {
    const deadline = Date.now() + windowSeconds * 1000;
    const batch = new Map<string, Message>();
    while (running && batch.size < batchSize) {
      const messages = await receive(Math.min(MAX_MESSAGES_PER_RECEIVE, batchSize - batch.size));
      for (const message of messages) {
        if (message.MessageId === undefined) continue;
        batch.delete(message.MessageId); // a message received twice: keep only its latest receipt
        batch.set(message.MessageId, message);
      }
      if (messages.length === 0 || Date.now() >= deadline) break;
    }
    return [...batch.values()];
  };

  const deleteMessages = async (messages: Message[]): Promise<void> => {
    for (let start = 0; start < messages.length; start += MAX_MESSAGES_PER_RECEIVE) {
      const chunk = messages.slice(start, start + MAX_MESSAGES_PER_RECEIVE);
      const { Failed = [] } = await client.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((message, index) => ({
            Id: String(index),
            ReceiptHandle: message.ReceiptHandle,
          })),
        }),
      );
      for (const failure of Failed) {
        logger.warn(
          `${queueName}: could not delete a processed message (${failure.Code}): ${failure.Message}`,
        );
      }
    }
  };

  const deliver = async (messages: Message[], queueArn: string): Promise<void> => {
    const event: SQSEvent = { Records: messages.map((message) => toSqsRecord(message, queueArn)) };
    const allIds = new Set(messages.map((m) => m.MessageId ?? ''));
    let response: unknown;
    try {
      response = await invoke(event);
    } catch (error) {
      logger.warn(
        `${queueName}: invocation failed, ${messages.length} record(s) will be retried after the visibility timeout: ${(error as Error).message}`,
      );
      onBatchSettled({ messages, failedIds: allIds, error: (error as Error).message });
      return;
    }
    let processed = messages;
    let failedIds = new Set<string>();
    if (reportBatchItemFailures) {
      const failed = failedMessageIds(response, allIds);
      if (failed === undefined) {
        const error = `invalid batch response ${JSON.stringify(response)?.slice(0, 200)}; the whole batch failed`;
        logger.warn(`${queueName}: ${error}`);
        onBatchSettled({ messages, failedIds: allIds, error });
        return;
      }
      processed = messages.filter((message) => !failed.has(message.MessageId ?? ''));
      failedIds = failed;
    }
    await deleteMessages(processed);
    onBatchSettled({ messages, failedIds });
    const failures = messages.length - processed.length;
    logger.info(
      `${queueName}: ${messages.length} record(s) processed${failures > 0 ? `, ${failures} failed and will be retried after the visibility timeout` : ''}`,
    );
  };

  const poll = async (): Promise<void> => {
    let queueArn: string | undefined;
    let failing = false;
    while (running) {
      try {
        queueArn ??= await resolveQueueArn();
        const messages = await gather();
        if (failing) logger.info(`${queueName}: polling again`);
        failing = false;
        if (messages.length === 0) {
          if (running) await pause(idleDelayMs);
          continue;
        }
        await deliver(messages, queueArn);
      } catch (error) {
        // Log once per outage, not once per poll.
        if (!failing) logger.error(`${queueName}: polling failed, retrying: ${(error as Error).message}`);
        failing = true;
        if (running) await pause(errorDelayMs);
      }
    }
  };

  const polling = Array.from({ length: concurrency }, () => poll());
  return {
    stop: async () => {
      running = false;
      for (const wake of [...sleepers]) wake();
      await Promise.all(polling);
      client.destroy();
    },
  };
};
