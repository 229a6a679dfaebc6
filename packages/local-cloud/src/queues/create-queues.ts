import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type QueueAttributeName,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { resourcesOfType, type ServiceConfig } from '../templates/service-config.js';

/** A queue created in local SQS: what the SDK (URL), IAM/EventBridge (ARN) and people (name) use. */
export interface LocalQueue {
  url: string;
  arn: string;
  name: string;
}

/** CloudFormation properties of `AWS::SQS::Queue` that are queue attributes, passed through as is. */
const PLAIN_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;
// Not emulated: KmsMasterKeyId/KmsDataKeyReusePeriodSeconds (no KMS locally; local SQS stores in
// memory), RedriveAllowPolicy (who may use a queue as DLQ: nothing to enforce locally).

type QueueProperties = Record<string, unknown>;

/** The logical id a `{ "Fn::GetAtt": [Id, "Arn"] }` names, if that is what `value` is. */
export const getAttArnOf = (value: unknown): string | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | undefined)?.['Fn::GetAtt'];
  if (Array.isArray(getAtt) && getAtt[1] === 'Arn' && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string' && getAtt.endsWith('.Arn')) return getAtt.slice(0, -'.Arn'.length);
  return undefined;
};

/** A queue's `RedrivePolicy` as an object, whichever form the template used. */
export const redrivePolicyOf = (properties: QueueProperties): Record<string, unknown> | undefined => {
  const policy = properties.RedrivePolicy;
  if (policy === undefined || policy === null) return undefined;
  // CloudFormation takes the policy as an object or as a JSON string.
  return (typeof policy === 'string' ? JSON.parse(policy) : policy) as Record<string, unknown>;
};

/** Orders queues so that every dead-letter queue is created before the queues that redrive to it. */
const dlqsFirst = (queues: [string, QueueProperties][]): [string, QueueProperties][] => {
  const byId = new Map(queues);
  const ordered: [string, QueueProperties][] = [];
  const visiting = new Set<string>();
  const visit = (id: string, properties: QueueProperties) => {
    if (ordered.some(([done]) => done === id)) return;
    if (visiting.has(id)) throw new Error(`Queue ${id} is in a redrive cycle`);
    visiting.add(id);
    const dlqId = getAttArnOf(redrivePolicyOf(properties)?.deadLetterTargetArn);
    const dlq = dlqId === undefined ? undefined : byId.get(dlqId);
    if (dlqId !== undefined && dlq !== undefined) visit(dlqId, dlq);
    visiting.delete(id);
    ordered.push([id, properties]);
  };
  for (const [id, properties] of queues) visit(id, properties);
  return ordered;
};

const toAttributes = (
  logicalId: string,
  properties: QueueProperties,
  created: Map<string, LocalQueue>,
): Partial<Record<QueueAttributeName, string>> => {
  const attributes: Partial<Record<QueueAttributeName, string>> = {};
  for (const name of PLAIN_ATTRIBUTES) {
    const value = properties[name];
    if (value !== undefined && value !== null) attributes[name] = String(value);
  }
  const redrive = redrivePolicyOf(properties);
  if (redrive !== undefined) {
    const target = redrive.deadLetterTargetArn;
    const dlqId = getAttArnOf(target);
    let deadLetterTargetArn: string;
    if (dlqId !== undefined) {
      const dlq = created.get(dlqId);
      if (dlq === undefined) {
        throw new Error(`Queue ${logicalId}: its dead-letter queue ${dlqId} is not a queue of this service`);
      }
      deadLetterTargetArn = dlq.arn;
    } else if (typeof target === 'string') {
      deadLetterTargetArn = target;
    } else {
      throw new Error(
        `Queue ${logicalId}: RedrivePolicy.deadLetterTargetArn must be a { Fn::GetAtt: [Queue, Arn] } or an ARN`,
      );
    }
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn,
      maxReceiveCount: Number(redrive.maxReceiveCount),
    });
  }
  return attributes;
};

const QUEUE_EXISTS_ERRORS = new Set([
  'QueueAlreadyExists',
  'QueueNameExists',
  'AWS.SimpleQueueService.QueueNameExists',
]);

/**
 * Creates every `AWS::SQS::Queue` of a resolved service config (from `loadServiceConfig`) in local
 * SQS, dead-letter queues first so a `RedrivePolicy` can name its DLQ's local ARN. Visibility
 * timeout, retention, delays, FIFO settings and redrive are those of the template, so local queues
 * behave like deployed ones (local-aws-sqs moves a message to the DLQ once it has been received
 * maxReceiveCount times and not deleted, as SQS does). A queue that already exists gets the
 * template's attributes. Returns the queues by logical id.
 *
 * @example
 * const queues = await createQueues(await loadServiceConfig('services/ordering', 'local'), sqs.url);
 * queues.get('CheckoutQueue')?.url;
 */
export const createQueues = async (
  config: ServiceConfig,
  sqsEndpoint: string,
): Promise<Map<string, LocalQueue>> => {
  const client = new SQSClient({
    endpoint: sqsEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const created = new Map<string, LocalQueue>();
  try {
    const queues = resourcesOfType(config, 'AWS::SQS::Queue').map(
      ([id, resource]): [string, QueueProperties] => [id, resource.Properties ?? {}],
    );
    for (const [logicalId, properties] of dlqsFirst(queues)) {
      const name = properties.QueueName;
      if (typeof name !== 'string') {
        throw new Error(`${config.service}: queue ${logicalId} needs an explicit QueueName to run locally`);
      }
      const attributes = toAttributes(logicalId, properties, created);
      const tags = Array.isArray(properties.Tags)
        ? Object.fromEntries(
            (properties.Tags as { Key: string; Value: string }[]).map(({ Key, Value }) => [Key, Value]),
          )
        : undefined;
      let url: string | undefined;
      try {
        ({ QueueUrl: url } = await client.send(
          new CreateQueueCommand({ QueueName: name, Attributes: attributes, tags }),
        ));
      } catch (error) {
        if (!QUEUE_EXISTS_ERRORS.has((error as Error).name)) throw error;
        ({ QueueUrl: url } = await client.send(new GetQueueUrlCommand({ QueueName: name })));
        await client.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes }));
      }
      if (url === undefined) throw new Error(`Local SQS returned no URL for queue ${name}`);
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      const arn = Attributes?.QueueArn;
      if (arn === undefined) throw new Error(`Local SQS returned no ARN for queue ${name}`);
      created.set(logicalId, { url, arn, name });
    }
    return created;
  } finally {
    client.destroy();
  }
};
