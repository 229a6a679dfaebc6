import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ServiceConfig } from '../templates/service-config.js';
import { type DeadLetterMessage, describeDeadLetter } from './describe-message.js';
import type { QueueLocator, QueueRef } from './locate-queues.js';
import { type MoveOptions, type MoveResult, moveMessages } from './move-messages.js';
import { peekMessages } from './peek-messages.js';
import {
  type DeadLetterQueueSpec,
  type DeadLetterSource,
  deadLetterQueuesOf,
  planRedrive,
} from './topology.js';

/** A DLQ found where it runs, with its sources and where a redrive sends its messages. */
export interface LocatedDeadLetterQueue {
  spec: DeadLetterQueueSpec;
  queue: QueueRef;
  /** Each source with the queue it names (the source queue, or the rule's target queue). */
  sources: { source: DeadLetterSource; queue?: QueueRef }[];
  redrive: { to?: QueueRef } | { refused: string };
}

/**
 * Every DLQ the services' templates declare, located by `locate` (the local cloud, or a deployed
 * stage's stacks).
 */
export const locateDeadLetterQueues = async (
  configs: readonly ServiceConfig[],
  locate: QueueLocator,
): Promise<LocatedDeadLetterQueue[]> =>
  Promise.all(
    configs.flatMap((config) =>
      deadLetterQueuesOf(config).map(async (spec): Promise<LocatedDeadLetterQueue> => {
        const queueOf = (logicalId: string | undefined) =>
          logicalId === undefined ? Promise.resolve(undefined) : locate(config, logicalId);
        const sources = await Promise.all(
          spec.sources.map(async (source) => {
            const queue = await queueOf(
              source.kind === 'queue' ? source.queueLogicalId : source.targetQueueLogicalId,
            );
            return queue === undefined ? { source } : { source, queue };
          }),
        );
        const plan = planRedrive(spec);
        const to = plan.redrivable ? await queueOf(plan.destinationLogicalId) : undefined;
        return {
          spec,
          queue: await locate(config, spec.logicalId),
          sources,
          redrive: plan.redrivable ? (to === undefined ? {} : { to }) : { refused: plan.reason },
        };
      }),
    ),
  );

/** Messages in the queue (local SQS counts in-flight ones too; none are in flight in a DLQ at rest). */
export const approximateDepth = async (sqs: SQSClient, queue: QueueRef): Promise<number> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
};

/** The messages of a DLQ with why each is there, left where they are. */
export const listDeadLetters = async (
  sqs: SQSClient,
  dlq: LocatedDeadLetterQueue,
  options: { waitSeconds: number; max?: number },
): Promise<DeadLetterMessage[]> => (await peekMessages(sqs, dlq.queue.url, options)).map(describeDeadLetter);

/** Moves a DLQ's messages back to their source queue; throws when the plan refuses to. */
export const redriveDeadLetterQueue = async (
  sqs: SQSClient,
  dlq: LocatedDeadLetterQueue,
  options: Pick<MoveOptions, 'pollMs' | 'onProgress'> = {},
): Promise<MoveResult> => {
  if ('refused' in dlq.redrive) throw new Error(`Not redriving ${dlq.queue.name}: ${dlq.redrive.refused}`);
  return moveMessages(sqs, {
    ...options,
    sourceArn: dlq.queue.arn,
    ...(dlq.redrive.to === undefined ? {} : { destinationArn: dlq.redrive.to.arn }),
  });
};
