import type { Logger } from '../logger.js';
import type { ServiceConfig } from '../templates/service-config.js';
import { eventIdsOfBody, type TraceJournal } from '../trace/journal.js';
import type { LocalQueue } from './create-queues.js';
import {
  type RunningEventSourceMapping,
  type SettledBatch,
  startEventSourceMapping,
} from './event-source-mapping.js';
import { invokeOfflineFunction, offlineFunctionName } from './lambda-invoker.js';

/** One `sqs` event of a function in a resolved service config. */
export interface SqsEventSource {
  functionKey: string;
  /** The deployed (and serverless-offline) function name. */
  functionName: string;
  /** Logical id of the queue, when the event names it with `Fn::GetAtt: [Queue, Arn]`. */
  queueLogicalId?: string;
  /** The literal ARN, when the event names the queue that way. */
  queueArn?: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
  /** Batches in flight at once: Lambda's five initial pollers, capped by `maximumConcurrency`. */
  concurrency: number;
}

/** Lambda starts five concurrent pollers for an SQS event source. */
const LAMBDA_INITIAL_POLLERS = 5;

interface SqsEventConfig {
  arn?: unknown;
  batchSize?: number;
  maximumBatchingWindow?: number;
  functionResponseType?: string;
  enabled?: boolean;
  maximumConcurrency?: number;
}

const logicalIdOf = (arn: unknown): string | undefined => {
  const getAtt = (arn as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
};

/**
 * The `sqs` events of every function of a resolved service config, with the framework's defaults
 * (batch size 10, no window, no partial batch responses).
 */
export const sqsEventSources = (config: ServiceConfig): SqsEventSource[] =>
  Object.entries(config.functions ?? {}).flatMap(([functionKey, fn]) =>
    (fn.events ?? []).flatMap((event): SqsEventSource[] => {
      const raw = (event as { sqs?: unknown }).sqs;
      if (raw === undefined) return [];
      const sqs: SqsEventConfig = typeof raw === 'string' ? { arn: raw } : (raw as SqsEventConfig);
      const queueLogicalId = logicalIdOf(sqs.arn);
      return [
        {
          functionKey,
          functionName:
            (fn as { name?: string }).name ??
            offlineFunctionName(config.service, config.provider.stage, functionKey),
          ...(queueLogicalId === undefined ? {} : { queueLogicalId }),
          ...(typeof sqs.arn === 'string' ? { queueArn: sqs.arn } : {}),
          batchSize: sqs.batchSize ?? 10,
          maximumBatchingWindowSeconds: sqs.maximumBatchingWindow ?? 0,
          reportBatchItemFailures: sqs.functionResponseType === 'ReportBatchItemFailures',
          enabled: sqs.enabled ?? true,
          concurrency: Math.min(LAMBDA_INITIAL_POLLERS, sqs.maximumConcurrency ?? LAMBDA_INITIAL_POLLERS),
        },
      ];
    }),
  );

export interface QueueConsumersOptions {
  config: ServiceConfig;
  /** The service's queues in local SQS, as `createQueues` returned them. */
  queues: Map<string, LocalQueue>;
  sqsEndpoint: string;
  /** serverless-offline's Lambda endpoint for this service (`RunningServiceOffline.lambdaEndpoint`). */
  lambdaEndpoint: string;
  logger?: Logger;
  /** Records each consumed message (function, success or failure) for `pnpm events`. */
  trace?: TraceJournal;
}

/** One `consumed` trace entry per message of a settled batch. */
const traceConsumption =
  (trace: TraceJournal, queue: string, functionName: string) =>
  ({ messages, failedIds, error }: SettledBatch) => {
    if (!trace.watched) return;
    for (const message of messages) {
      const messageId = message.MessageId ?? '';
      const succeeded = !failedIds.has(messageId);
      trace.publish({
        kind: 'consumed',
        ...eventIdsOfBody(message.Body),
        queue,
        functionName,
        messageId,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
        succeeded,
        ...(succeeded ? {} : { error: error ?? 'the function reported it failed (batchItemFailures)' }),
      });
    }
  };

/**
 * Starts an event source mapping for every enabled `sqs` event of a service, invoking its functions
 * on serverless-offline: what Lambda does for the deployed stack. Stop them all with `stop()`.
 *
 * @example
 * const consumers = startQueueConsumers({ config, queues, sqsEndpoint: sqs.url, lambdaEndpoint });
 */
export const startQueueConsumers = ({
  config,
  queues,
  sqsEndpoint,
  lambdaEndpoint,
  logger,
  trace,
}: QueueConsumersOptions): RunningEventSourceMapping => {
  // Every queue is found before anything starts, so a bad config leaves nothing running.
  const sources = sqsEventSources(config)
    .filter((source) => source.enabled)
    .map((source) => {
      const queue =
        source.queueLogicalId !== undefined
          ? queues.get(source.queueLogicalId)
          : [...queues.values()].find((q) => q.name === source.queueArn?.split(':').pop());
      if (queue === undefined) {
        throw new Error(
          `${config.service}: the sqs event of ${source.functionKey} names a queue this service does not create`,
        );
      }
      return { source, queue };
    });
  const running = sources.map(({ source, queue }) => {
    const invoke = invokeOfflineFunction(lambdaEndpoint, source.functionName);
    const mapping = startEventSourceMapping({
      sqsEndpoint,
      queueUrl: queue.url,
      queueArn: queue.arn,
      batchSize: source.batchSize,
      concurrency: source.concurrency,
      maximumBatchingWindowSeconds: source.maximumBatchingWindowSeconds,
      reportBatchItemFailures: source.reportBatchItemFailures,
      invoke,
      ...(logger === undefined ? {} : { logger }),
      ...(trace === undefined
        ? {}
        : { onBatchSettled: traceConsumption(trace, queue.name, source.functionName) }),
    });
    return { mapping, destroy: invoke.destroy };
  });
  return {
    stop: async () => {
      await Promise.all(running.map(({ mapping }) => mapping.stop()));
      for (const { destroy } of running) destroy();
    },
  };
};
