import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  InvalidEventPatternException,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { localEventBridgeForFile } from './support/local-eventbridge.js';

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { name: string },
  );

describe('EventBridge emulator API (through the unmodified SDK)', () => {
  const { client, emulator } = localEventBridgeForFile({ region: 'eu-west-1', accountId: '111122223333' });

  it('always has a default bus and manages custom buses', async () => {
    const defaultBus = await client.send(new DescribeEventBusCommand({}));
    expect(defaultBus.Arn).toBe('arn:aws:events:eu-west-1:111122223333:event-bus/default');

    const created = await client.send(new CreateEventBusCommand({ Name: 'api-bus' }));
    expect(created.EventBusArn).toBe('arn:aws:events:eu-west-1:111122223333:event-bus/api-bus');
    const duplicate = await failureOf(client.send(new CreateEventBusCommand({ Name: 'api-bus' })));
    expect(duplicate).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(duplicate?.message).toBe('Event bus api-bus already exists.');

    const { EventBuses } = await client.send(new ListEventBusesCommand({ NamePrefix: 'api-' }));
    expect(EventBuses?.map((bus) => bus.Name)).toEqual(['api-bus']);

    await client.send(new DeleteEventBusCommand({ Name: 'api-bus' }));
    const missing = await failureOf(client.send(new DescribeEventBusCommand({ Name: 'api-bus' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing?.message).toBe('Event bus api-bus does not exist.');
  });

  it('manages rules and targets, and refuses to delete a rule that still has targets', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'rules-bus' }));
    const { RuleArn } = await client.send(
      new PutRuleCommand({
        Name: 'r1',
        EventBusName: 'rules-bus',
        EventPattern: '{"source":["a"]}',
        State: 'DISABLED',
      }),
    );
    expect(RuleArn).toBe('arn:aws:events:eu-west-1:111122223333:rule/rules-bus/r1');
    const { RuleArn: defaultRuleArn } = await client.send(
      new PutRuleCommand({ Name: 'r2', EventPattern: '{"source":["a"]}' }),
    );
    expect(defaultRuleArn).toBe('arn:aws:events:eu-west-1:111122223333:rule/r2');

    const described = await client.send(new DescribeRuleCommand({ Name: 'r1', EventBusName: 'rules-bus' }));
    expect(described).toMatchObject({
      Name: 'r1',
      State: 'DISABLED',
      EventBusName: 'rules-bus',
      EventPattern: '{"source":["a"]}',
    });
    const { Rules } = await client.send(new ListRulesCommand({ EventBusName: 'rules-bus' }));
    expect(Rules?.map((rule) => rule.Name)).toEqual(['r1']);

    await client.send(
      new PutTargetsCommand({
        Rule: 'r1',
        EventBusName: 'rules-bus',
        Targets: [{ Id: 't1', Arn: 'arn:aws:sqs:eu-west-1:111122223333:q', InputPath: '$.detail' }],
      }),
    );
    const { Targets } = await client.send(
      new ListTargetsByRuleCommand({ Rule: 'r1', EventBusName: 'rules-bus' }),
    );
    expect(Targets).toEqual([
      { Id: 't1', Arn: 'arn:aws:sqs:eu-west-1:111122223333:q', InputPath: '$.detail' },
    ]);

    const blocked = await failureOf(
      client.send(new DeleteRuleCommand({ Name: 'r1', EventBusName: 'rules-bus' })),
    );
    expect(blocked?.name).toBe('ValidationException');
    expect(blocked?.message).toBe("Rule can't be deleted since it has targets.");

    await client.send(new RemoveTargetsCommand({ Rule: 'r1', EventBusName: 'rules-bus', Ids: ['t1'] }));
    await client.send(new DeleteRuleCommand({ Name: 'r1', EventBusName: 'rules-bus' }));
    const gone = await failureOf(
      client.send(new DescribeRuleCommand({ Name: 'r1', EventBusName: 'rules-bus' })),
    );
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone?.message).toBe('Rule r1 does not exist on EventBus rules-bus.');
  });

  it('rejects invalid patterns on PutRule with the EventBridge message', async () => {
    const error = await failureOf(
      client.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"detail":{"n":[{"numeric":10}]}}' })),
    );
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    expect(error?.message).toBe('Event pattern is not valid. Reason: Value of numeric must be an array.');
  });

  it('rejects PutTargets for a rule that does not exist', async () => {
    const error = await failureOf(
      client.send(
        new PutTargetsCommand({
          Rule: 'nope',
          Targets: [{ Id: 'x', Arn: 'arn:aws:sqs:eu-west-1:111122223333:q' }],
        }),
      ),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('rejects more than 10 entries and oversized requests as a whole', async () => {
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    const tooMany = await failureOf(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
    );
    expect(tooMany?.name).toBe('ValidationException');

    const big = { ...entry, Detail: JSON.stringify({ blob: 'x'.repeat(130 * 1024) }) };
    const tooLarge = await failureOf(client.send(new PutEventsCommand({ Entries: [big, big] })));
    expect(tooLarge?.name).toBe('ValidationException');
    expect(tooLarge?.message).toBe('Total size of the entries in the request is over the limit.');

    const justFits = await client.send(new PutEventsCommand({ Entries: [big] }));
    expect(justFits.FailedEntryCount).toBe(0);
  });

  it('answers unknown operations with UnknownOperationException', async () => {
    const response = await fetch(emulator().url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListArchives' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('rejects request bodies over 1 MiB', async () => {
    const response = await fetch(emulator().url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: 'x'.repeat(1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
  });
});
