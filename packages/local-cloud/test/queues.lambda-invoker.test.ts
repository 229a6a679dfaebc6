import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { createQueues } from '../src/queues/create-queues.js';
import { startQueueConsumers } from '../src/queues/event-sources.js';
import { FunctionInvocationError, invokeOfflineFunction } from '../src/queues/lambda-invoker.js';
import { startLocalSqs } from '../src/sqs/index.js';
import type { ServiceConfig } from '../src/templates/service-config.js';

// A stand-in for serverless-offline's Lambda Invoke API, answering as its InvocationsController does
// (serverless-offline/src/lambda/routes/invocations): the real one is exercised by ordering's tests.
const FUNCTION = 'eshop-ordering-local-processCheckout';
const requests: { path: string; invocationType?: string; body: unknown }[] = [];
let reply: (event: SQSEvent) => { status: number; headers?: Record<string, string>; body: unknown };

const event: SQSEvent = {
  Records: [
    {
      messageId: 'm-1',
      receiptHandle: 'r-1',
      body: '{}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '1',
      },
      messageAttributes: {},
      md5OfBody: '99914b932bd37a50b983c5e7c90ae93b',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
      awsRegion: 'us-east-1',
    },
  ],
};

describe('invokeOfflineFunction', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const parsed = JSON.parse(body) as SQSEvent;
        requests.push({
          path: req.url ?? '',
          invocationType: req.headers['x-amz-invocation-type'] as string | undefined,
          body: parsed,
        });
        const answer = req.url?.includes(FUNCTION)
          ? reply(parsed)
          : {
              status: 404,
              headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException' },
              body: { Message: `Function not found: ${req.url}`, Type: 'User' },
            };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('invokes the function by name, synchronously, and resolves with its response', async () => {
    reply = () => ({ status: 200, body: { batchItemFailures: [{ itemIdentifier: 'm-1' }] } });
    const invoke = invokeOfflineFunction(endpoint, FUNCTION);

    const response = await invoke(event);
    invoke.destroy();

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(requests.at(-1)).toEqual({
      path: `/2015-03-31/functions/${FUNCTION}/invocations`,
      invocationType: 'RequestResponse',
      body: event,
    });
  });

  it('resolves undefined for a function that returns nothing', async () => {
    reply = () => ({ status: 200, body: undefined });
    const invoke = invokeOfflineFunction(endpoint, FUNCTION);

    await expect(invoke(event)).resolves.toBeUndefined();
    invoke.destroy();
  });

  it('rejects when the handler threw (FunctionError: Unhandled)', async () => {
    reply = () => ({
      status: 200,
      headers: { 'X-Amz-Function-Error': 'Unhandled' },
      body: { errorMessage: 'table is gone', errorType: 'Error', trace: [] },
    });
    const invoke = invokeOfflineFunction(endpoint, FUNCTION);

    const failure = await invoke(event).catch((error: unknown) => error);
    invoke.destroy();

    expect(failure).toBeInstanceOf(FunctionInvocationError);
    expect(failure).toMatchObject({
      functionError: 'Unhandled',
      message: expect.stringContaining('table is gone'),
    });
  });

  it('rejects for a function serverless-offline does not know', async () => {
    const invoke = invokeOfflineFunction(endpoint, 'eshop-ordering-local-noSuchFunction');

    await expect(invoke(event)).rejects.toThrow(FunctionInvocationError);
    invoke.destroy();
  });

  it('startQueueConsumers feeds a service’s queue to its function through the Invoke API', async () => {
    const sqs = await startLocalSqs({ port: 0 });
    const client = new SQSClient({ endpoint: sqs.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const config: ServiceConfig = {
      service: 'eshop-ordering',
      provider: { stage: 'local', region: LOCAL_REGION },
      functions: {
        processCheckout: {
          handler: 'h',
          events: [
            {
              sqs: {
                arn: { 'Fn::GetAtt': ['CheckoutQueue', 'Arn'] },
                functionResponseType: 'ReportBatchItemFailures',
              },
            },
          ],
        },
      },
      resources: {
        Resources: {
          CheckoutQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'consumers-test' } },
        },
      },
    };
    reply = () => ({ status: 200, body: { batchItemFailures: [] } });
    const before = requests.length;
    const queues = await createQueues(config, sqs.url);
    const consumers = startQueueConsumers({
      config,
      queues,
      sqsEndpoint: sqs.url,
      lambdaEndpoint: endpoint,
      logger: { info: () => {}, warn: () => {}, error: () => {} },
    });
    try {
      await client.send(
        new SendMessageCommand({ QueueUrl: queues.get('CheckoutQueue')?.url, MessageBody: 'hi' }),
      );
      const deadline = Date.now() + 5000;
      while (requests.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

      const request = requests.at(-1);
      expect(request?.path).toBe(`/2015-03-31/functions/${FUNCTION}/invocations`);
      expect((request?.body as SQSEvent | undefined)?.Records.map((r) => r.body)).toEqual(['hi']);
    } finally {
      await consumers.stop();
      client.destroy();
      await sqs.stop();
    }
  });
});
