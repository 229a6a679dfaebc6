// Queues of the local cloud: created from the services' templates, consumed like Lambda does.

export { failedMessageIds } from './batch-response.js';
export { createQueues, type LocalQueue } from './create-queues.js';
export {
  type EventSourceMappingOptions,
  type RunningEventSourceMapping,
  type SettledBatch,
  startEventSourceMapping,
  toSqsRecord,
} from './event-source-mapping.js';
export {
  type QueueConsumersOptions,
  type SqsEventSource,
  sqsEventSources,
  startQueueConsumers,
} from './event-sources.js';
export {
  FunctionInvocationError,
  invokeOfflineFunction,
  type OfflineFunctionInvoker,
  offlineFunctionName,
} from './lambda-invoker.js';
