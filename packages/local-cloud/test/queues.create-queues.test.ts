import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { createQueues } from '../src/queues/create-queues.js';
import { type RunningLocalSqs, startLocalSqs } from '../src/sqs/index.js';
import type { ServiceConfig } from '../src/templates/service-config.js';

// A resolved config as `serverless print` emits it: the queue is declared before its DLQ.
const config = (suffix: string, visibilityTimeout = 70): ServiceConfig => ({
  service: 'queues-test',
  provider: { stage: 'test', region: LOCAL_REGION },
  resources: {
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'not-a-queue' } },
      WorkQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: `work-${suffix}`,
          VisibilityTimeout: visibilityTimeout,
          MessageRetentionPeriod: 345600,
          SqsManagedSseEnabled: true,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDlq', 'Arn'] }, maxReceiveCount: 5 },
        },
      },
      WorkDlq: {
        Type: 'AWS::SQS::Queue',
        Properties: { QueueName: `work-${suffix}-dlq`, MessageRetentionPeriod: 1209600 },
      },
    },
  },
});

describe('createQueues', () => {
  let sqs: RunningLocalSqs;
  let client: SQSClient;

  beforeAll(async () => {
    sqs = await startLocalSqs({ port: 0 });
    client = new SQSClient({ endpoint: sqs.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  });

  afterAll(async () => {
    client.destroy();
    await sqs.stop();
  });

  const attributesOf = async (url: string) =>
    (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })))
      .Attributes ?? {};

  it('creates every queue, DLQs first, with the template attributes and a local redrive ARN', async () => {
    const queues = await createQueues(config('a'), sqs.url);

    expect([...queues.keys()]).toEqual(['WorkDlq', 'WorkQueue']);
    const work = queues.get('WorkQueue');
    const dlq = queues.get('WorkDlq');
    expect(work).toMatchObject({ name: 'work-a', url: expect.stringMatching(/\/work-a$/) });
    expect(dlq?.arn).toMatch(/^arn:aws:sqs:[\w-]+:\d{12}:work-a-dlq$/);
    const attributes = await attributesOf(work?.url ?? '');
    expect(attributes.VisibilityTimeout).toBe('70');
    expect(attributes.MessageRetentionPeriod).toBe('345600');
    expect(JSON.parse(attributes.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: dlq?.arn,
      maxReceiveCount: 5,
    });
    expect((await attributesOf(dlq?.url ?? '')).MessageRetentionPeriod).toBe('1209600');
  });

  it('brings an existing queue to the template attributes', async () => {
    await createQueues(config('b', 30), sqs.url);

    const queues = await createQueues(config('b', 90), sqs.url);

    expect((await attributesOf(queues.get('WorkQueue')?.url ?? '')).VisibilityTimeout).toBe('90');
  });

  it('refuses a queue without an explicit name', async () => {
    const unnamed: ServiceConfig = {
      ...config('c'),
      resources: { Resources: { Anonymous: { Type: 'AWS::SQS::Queue', Properties: {} } } },
    };

    await expect(createQueues(unnamed, sqs.url)).rejects.toThrow(/Anonymous needs an explicit QueueName/);
  });
});
