import {
  ChangeMessageVisibilityBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** How long listed messages stay hidden while the listing walks the queue, if it is never released. */
const HIDE_SECONDS = 30;
const MAX_PER_RECEIVE = 10;

export interface PeekOptions {
  /** Most messages to read; default 100. */
  max?: number;
  /**
   * Long-poll wait per receive. SQS answers a short poll (0) from a sample of its servers, so a
   * small queue can look empty; local SQS has one server and waits the full time: 0 there.
   */
  waitSeconds: number;
}

/**
 * Reads a queue's messages without deleting them: each receive hides what it returned (so the
 * next receive returns others), and at the end every message is made visible again at once. If
 * the process dies in between, SQS shows them again after HIDE_SECONDS: nothing is lost. Every
 * receive counts in ApproximateReceiveCount; a DLQ has no redrive policy of its own, so that moves
 * nothing anywhere.
 */
export const peekMessages = async (
  sqs: SQSClient,
  queueUrl: string,
  { max = 100, waitSeconds }: PeekOptions,
): Promise<Message[]> => {
  const seen = new Map<string, Message>();
  const hidden: string[] = [];
  try {
    while (seen.size < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(MAX_PER_RECEIVE, max - seen.size),
          VisibilityTimeout: HIDE_SECONDS,
          WaitTimeSeconds: waitSeconds,
          // Both spellings: the current SDK's and the older one local SQS reads.
          MessageSystemAttributeNames: ['All'],
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        if (message.ReceiptHandle !== undefined) hidden.push(message.ReceiptHandle);
        if (message.MessageId !== undefined && !seen.has(message.MessageId))
          seen.set(message.MessageId, message);
      }
    }
  } finally {
    await release(sqs, queueUrl, hidden);
  }
  return [...seen.values()];
};

const release = async (sqs: SQSClient, queueUrl: string, receiptHandles: string[]) => {
  for (let start = 0; start < receiptHandles.length; start += MAX_PER_RECEIVE) {
    await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: receiptHandles
          .slice(start, start + MAX_PER_RECEIVE)
          .map((handle, index) => ({ Id: String(index), ReceiptHandle: handle, VisibilityTimeout: 0 })),
      }),
    );
  }
};
