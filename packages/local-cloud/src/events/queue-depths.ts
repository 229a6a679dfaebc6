import { GetQueueAttributesCommand, paginateListQueues, type SQSClient } from '@aws-sdk/client-sqs';

/** What the events tool knows of a queue besides its depth: its redrive settings. */
export interface QueueInfo {
  maxReceiveCount?: number;
  /** Name of the queue's DLQ, from its RedrivePolicy. */
  deadLetterQueue?: string;
}

export interface QueueDepth {
  queue: string;
  waiting: number;
  inFlight: number;
  /** Another queue's RedrivePolicy names this one. */
  isDeadLetterQueue: boolean;
}

export interface QueueDepthWatcher {
  /** Redrive settings by queue name, as of the last poll. */
  readonly queues: ReadonlyMap<string, QueueInfo>;
  stop(): void;
}

const nameOf = (urlOrArn: string) => urlOrArn.split(/[/:]/).pop() ?? urlOrArn;

interface Snapshot {
  depth: QueueDepth;
  info: QueueInfo;
}

const readQueue = async (sqs: SQSClient, url: string): Promise<Snapshot> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'RedrivePolicy',
      ],
    }),
  );
  const all = Number(Attributes.ApproximateNumberOfMessages ?? 0);
  const inFlight = Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0);
  const redrive =
    Attributes.RedrivePolicy === undefined
      ? undefined
      : (JSON.parse(Attributes.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number });
  return {
    // Local SQS (local-aws-sqs) counts in-flight messages in ApproximateNumberOfMessages too,
    // unlike SQS, so the messages waiting are the difference.
    depth: { queue: nameOf(url), waiting: Math.max(0, all - inFlight), inFlight, isDeadLetterQueue: false },
    info: {
      ...(redrive?.maxReceiveCount === undefined ? {} : { maxReceiveCount: Number(redrive.maxReceiveCount) }),
      ...(redrive?.deadLetterTargetArn === undefined
        ? {}
        : { deadLetterQueue: nameOf(redrive.deadLetterTargetArn) }),
    },
  };
};

/**
 * Polls every queue of the local SQS and reports each queue's depth when it changes (and once at
 * the start). Polling, because SQS has no change notifications; a failed poll (the local cloud is
 * not up yet) is simply tried again at the next tick.
 */
export const watchQueueDepths = ({
  sqs,
  intervalMs,
  onDepth,
}: {
  sqs: SQSClient;
  intervalMs: number;
  onDepth: (depth: QueueDepth) => void;
}): QueueDepthWatcher => {
  const queues = new Map<string, QueueInfo>();
  const lastSeen = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const poll = async () => {
    try {
      const urls: string[] = [];
      for await (const page of paginateListQueues({ client: sqs }, {})) urls.push(...(page.QueueUrls ?? []));
      const snapshots = await Promise.all(urls.map((url) => readQueue(sqs, url)));
      const deadLetterQueues = new Set(snapshots.flatMap(({ info }) => info.deadLetterQueue ?? []));
      queues.clear();
      for (const { depth, info } of snapshots) {
        queues.set(depth.queue, info);
        const shown = { ...depth, isDeadLetterQueue: deadLetterQueues.has(depth.queue) };
        const key = `${shown.waiting}/${shown.inFlight}/${shown.isDeadLetterQueue}`;
        if (lastSeen.get(shown.queue) === key || stopped) continue;
        lastSeen.set(shown.queue, key);
        onDepth(shown);
      }
    } catch {
      // Not up yet, or stopping: the trace connection reports the local cloud's state.
    } finally {
      if (!stopped) timer = setTimeout(() => void poll(), intervalMs);
    }
  };
  void poll();

  return {
    queues,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
};
