import { type CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ServiceConfig } from '../templates/service-config.js';

/** A queue as the SQS API needs it. */
export interface QueueRef {
  name: string;
  url: string;
  arn: string;
}

/** Finds the queues a service's template declares (by logical id) where they actually run. */
export type QueueLocator = (config: ServiceConfig, logicalId: string) => Promise<QueueRef>;

const refOf = async (sqs: SQSClient, url: string): Promise<QueueRef> => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`SQS returned no ARN for ${url}`);
  return { name: url.split('/').pop() ?? url, url, arn };
};

/**
 * The local cloud's queues: the local stage's config names them (`QueueName`), as `createQueues`
 * created them.
 */
export const localQueueLocator =
  (sqs: SQSClient): QueueLocator =>
  async (config, logicalId) => {
    const name = config.resources?.Resources?.[logicalId]?.Properties?.QueueName;
    if (typeof name !== 'string') throw new Error(`${config.service}: queue ${logicalId} has no QueueName`);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (QueueUrl === undefined) throw new Error(`SQS returned no URL for queue ${name}`);
    return refOf(sqs, QueueUrl);
  };

/**
 * A deployed stage's queues, from the service's CloudFormation stack (`<service>-<stage>`, the
 * Serverless Framework's stack name): the physical id of an `AWS::SQS::Queue` is its URL. The
 * stack is the truth about what runs, whatever parameters the deploy was given.
 */
export const stackQueueLocator =
  (cloudFormation: CloudFormationClient, sqs: SQSClient, stage: string): QueueLocator =>
  async (config, logicalId) => {
    const stackName = `${config.service}-${stage}`;
    const { StackResourceDetail } = await cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
    );
    const url = StackResourceDetail?.PhysicalResourceId;
    if (url === undefined) throw new Error(`Stack ${stackName} has no physical id for ${logicalId}`);
    return refOf(sqs, url);
  };
