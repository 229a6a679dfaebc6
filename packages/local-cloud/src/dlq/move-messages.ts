import {
  ListMessageMoveTasksCommand,
  type ListMessageMoveTasksResultEntry,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

export interface MoveResult {
  status: string;
  moved: number;
  failureReason?: string;
}

export interface MoveOptions {
  sourceArn: string;
  /** Omitted: SQS returns each message to the queue it was dead-lettered from. */
  destinationArn?: string;
  /** Between two looks at the task; default 1000 ms. */
  pollMs?: number;
  /** Told the task's progress while it runs. */
  onProgress?: (task: ListMessageMoveTasksResultEntry) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves every message of a DLQ back with SQS's own message-move task (StartMessageMoveTask) and
 * waits for the task to end. SQS moves each message itself (send to the destination, then delete
 * from the DLQ, on its side), so a crash of this process loses and duplicates nothing: the task
 * runs on. local-aws-sqs implements the same API, in its own process, so the local cloud takes
 * this very path.
 */
export const moveMessages = async (
  sqs: SQSClient,
  { sourceArn, destinationArn, pollMs = 1000, onProgress = () => undefined }: MoveOptions,
): Promise<MoveResult> => {
  await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: sourceArn,
      ...(destinationArn === undefined ? {} : { DestinationArn: destinationArn }),
    }),
  );
  for (;;) {
    await sleep(pollMs);
    // One task may run per source queue at a time, and the newest comes first: it is ours.
    const { Results = [] } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
    );
    const task = Results[0];
    if (task === undefined) throw new Error(`SQS lists no message-move task for ${sourceArn}`);
    if (task.Status === 'RUNNING' || task.Status === 'CANCELLING') {
      onProgress(task);
      continue;
    }
    return {
      status: task.Status ?? 'UNKNOWN',
      moved: task.ApproximateNumberOfMessagesMoved ?? 0,
      ...(task.FailureReason === undefined ? {} : { failureReason: task.FailureReason }),
    };
  }
};
