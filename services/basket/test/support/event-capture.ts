import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '@eshop/local-cloud';
import { localCloud } from '@eshop/local-cloud/testing';
import { CheckoutBasket } from '@eshop/shared';
import { BASKET_BUS } from './local-basket.js';

/**
 * A test rule on basket's bus that routes every CheckoutBasket event to a fresh queue: what any
 * subscriber would receive, envelope and all.
 */
export const captureCheckoutEvents = async () => {
  const endpoints = localCloud().endpoints;
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...config, endpoint: endpoints.sqs });
  const events = new EventBridgeClient({ ...config, endpoint: endpoints.eventbridge });
  const name = `capture-${randomUUID().slice(0, 8)}`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: BASKET_BUS,
      EventPattern: JSON.stringify({
        source: [CheckoutBasket.source],
        'detail-type': [CheckoutBasket.detailType],
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: BASKET_BUS,
      Targets: [{ Id: 'capture', Arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${name}` }],
    }),
  );
  const received: string[] = [];

  /** Every message body received so far, after waiting until `until` holds or `timeoutMs` passes. */
  const bodies = async (until: (bodies: string[]) => boolean = () => true, timeoutMs = 3000) => {
    const deadline = Date.now() + timeoutMs;
    do {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 300,
        }),
      );
      received.push(...Messages.map((m) => m.Body ?? ''));
      if (until(received)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } while (Date.now() < deadline);
    return [...received];
  };

  const stop = async () => {
    await events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: BASKET_BUS, Ids: ['capture'] }));
    await events.send(new DeleteRuleCommand({ Name: name, EventBusName: BASKET_BUS }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    sqs.destroy();
    events.destroy();
  };

  return { bodies, stop };
};
