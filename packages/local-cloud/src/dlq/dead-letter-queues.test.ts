import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { locateDeadLetterQueues, redriveDeadLetterQueue } from './dead-letter-queues.js';
import { stackQueueLocator } from './locate-queues.js';
import { orderingConfig } from './ordering-config.fixture.js';

// The deployed path cannot run here (no AWS account): these fakes answer as CloudFormation and SQS
// would, and record what the tool asks them, to prove the requests it builds.
type Handlers = Record<string, (input: any) => unknown>;

const fakeClient = <Client>(handlers: Handlers) => {
  const calls: { command: string; input: any }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      const name = command.constructor.name;
      calls.push({ command: name, input: command.input });
      const handler = handlers[name];
      if (handler === undefined) throw new Error(`unexpected ${name}`);
      return handler(command.input);
    },
  };
  return { client: client as unknown as Client, calls };
};

const ACCOUNT = '123456789012';
const urlOf = (name: string) => `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${name}`;
const arnOf = (url: string) => `arn:aws:sqs:eu-west-1:${ACCOUNT}:${url.split('/').pop()}`;
const PHYSICAL: Record<string, string> = {
  CheckoutQueue: urlOf('eshop-ordering-prod-checkout'),
  CheckoutDeadLetterQueue: urlOf('eshop-ordering-prod-checkout-dlq'),
};

const deployedStage = () => {
  const cloudFormation = fakeClient<CloudFormationClient>({
    DescribeStackResourceCommand: ({ StackName, LogicalResourceId }) => {
      if (StackName !== 'eshop-ordering-prod') throw new Error(`Stack ${StackName} does not exist`);
      return { StackResourceDetail: { PhysicalResourceId: PHYSICAL[LogicalResourceId] } };
    },
  });
  let looks = 0;
  const sqs = fakeClient<SQSClient>({
    GetQueueAttributesCommand: ({ QueueUrl }) => ({ Attributes: { QueueArn: arnOf(QueueUrl) } }),
    StartMessageMoveTaskCommand: () => ({ TaskHandle: 'task-1' }),
    ListMessageMoveTasksCommand: () => {
      looks += 1;
      return {
        Results: [
          looks === 1
            ? { Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 3 }
            : { Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 3 },
        ],
      };
    },
  });
  return { cloudFormation, sqs, locate: stackQueueLocator(cloudFormation.client, sqs.client, 'prod') };
};

describe('redrive on a deployed stage', () => {
  it('finds the stage’s queues in its stack and starts one message-move task back to the source queue', async () => {
    const { cloudFormation, sqs, locate } = deployedStage();

    const [dlq] = await locateDeadLetterQueues([orderingConfig()], locate);
    if (dlq === undefined) throw new Error('no DLQ located');
    const progress: number[] = [];
    const result = await redriveDeadLetterQueue(sqs.client, dlq, {
      pollMs: 0,
      onProgress: (task) => progress.push(task.ApproximateNumberOfMessagesMoved ?? -1),
    });

    expect(cloudFormation.calls.map((call) => call.input)).toContainEqual({
      StackName: 'eshop-ordering-prod',
      LogicalResourceId: 'CheckoutDeadLetterQueue',
    });
    expect(sqs.calls.filter((call) => call.command === 'StartMessageMoveTaskCommand')).toEqual([
      {
        command: 'StartMessageMoveTaskCommand',
        input: {
          SourceArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:eshop-ordering-prod-checkout-dlq`,
          DestinationArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:eshop-ordering-prod-checkout`,
        },
      },
    ]);
    expect(sqs.calls.find((call) => call.command === 'ListMessageMoveTasksCommand')?.input).toEqual({
      SourceArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:eshop-ordering-prod-checkout-dlq`,
      MaxResults: 1,
    });
    expect(progress).toEqual([1]);
    expect(result).toEqual({ status: 'COMPLETED', moved: 3 });
  });

  it('starts no task for a DLQ whose messages cannot safely go back', async () => {
    const { sqs, locate } = deployedStage();
    const [dlq] = await locateDeadLetterQueues(
      [orderingConfig({ target: { InputPath: '$.detail' } })],
      locate,
    );
    if (dlq === undefined) throw new Error('no DLQ located');

    await expect(redriveDeadLetterQueue(sqs.client, dlq, { pollMs: 0 })).rejects.toThrow(
      /Not redriving eshop-ordering-prod-checkout-dlq: rule CheckoutBasketRule transforms/,
    );
    expect(sqs.calls.map((call) => call.command)).not.toContain('StartMessageMoveTaskCommand');
  });
});
