import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { localCloud } from './local-cloud-context.js';
import { addTestRule } from './test-rule.js';

export interface EventBusTap {
  /** One short poll: the envelopes (as EventBridge sent them) that arrived since the last one. */
  receive(): Promise<string[]>;
  /** Removes the rule and the queue. */
  stop(): Promise<void>;
}

/**
 * A second subscriber on one of the local cloud's buses, for tests: a rule matching `pattern` that
 * sends to a fresh queue, so a test sees exactly what any subscriber (ordering's queue among them)
 * is sent, envelope and all.
 *
 * @example
 * const tap = await tapEventBus('eshop-basket-local', { 'detail-type': ['CheckoutBasket'] });
 * const bodies = await tap.receive();
 */
export const tapEventBus = async (bus: string, pattern: object): Promise<EventBusTap> => {
  const { endpoints } = localCloud();
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...config, endpoint: endpoints.sqs });
  const events = new EventBridgeClient({ ...config, endpoint: endpoints.eventbridge });
  const name = `tap-${randomUUID().slice(0, 8)}`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const rule = await addTestRule(events, {
    bus,
    name,
    pattern,
    target: { Id: 'tap', Arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${name}` },
  });
  return {
    receive: async () => {
      const { Messages = [] } = await sqs.send(
        // Received once: hidden long enough that a test never sees a message twice.
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: 300,
        }),
      );
      return Messages.map((message) => message.Body ?? '');
    },
    stop: async () => {
      await rule.remove();
      await sqs.send(new DeleteQueueCommand({ QueueUrl }));
      sqs.destroy();
      events.destroy();
    },
  };
};
