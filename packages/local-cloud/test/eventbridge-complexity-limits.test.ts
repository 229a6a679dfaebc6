import {
  DescribeRuleCommand,
  InvalidEventPatternException,
  PutRuleCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { localEventBridgeForFile } from './support/local-eventbridge.js';

/**
 * EventBridge's pattern limits, through the unmodified SDK. The "too complex" message and the
 * refusal of `*:*:*:*:*:event-bus/*` were recorded against AWS by LocalStack
 * (tests/aws/services/events/event_pattern_templates/content_wildcard_complex_EXC.json5); the
 * 4096-character limit is in the PutRule and TestEventPattern API references.
 */
const TOO_COMPLEX =
  'Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';
const TOO_LONG =
  "1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096";

const event = JSON.stringify({
  id: '1',
  source: 'test-source',
  'detail-type': 'test-detail-type',
  account: '123456789012',
  region: 'us-east-2',
  time: '2022-07-13T13:48:01Z',
  resources: [],
  EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/myEventBus',
});

const wildcardPattern = (...values: string[]) =>
  JSON.stringify({ EventBusArn: values.map((wildcard) => ({ wildcard })) });

/** A pattern of exactly `length` characters. */
function patternOfLength(length: number): string {
  const frame = JSON.stringify({ source: [''] });
  return JSON.stringify({ source: ['x'.repeat(length - frame.length)] });
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error & { name: string },
  );

describe('EventBridge pattern limits', () => {
  const { client } = localEventBridgeForFile();
  let ruleCount = 0;

  const testPattern = (EventPattern: string) =>
    client.send(new TestEventPatternCommand({ EventPattern, Event: event }));
  const putRule = (EventPattern: string) =>
    client.send(new PutRuleCommand({ Name: `limits-${++ruleCount}`, EventPattern }));

  describe.each([
    ['TestEventPattern', (pattern: string) => testPattern(pattern)],
    ['PutRule', (pattern: string) => putRule(pattern)],
  ])('%s', (_operation, send) => {
    it('refuses the pattern AWS refused as too complex, with its message', async () => {
      const error = await failureOf(send(wildcardPattern('*:*:*:*:*:event-bus/*')));
      expect(error).toBeInstanceOf(InvalidEventPatternException);
      expect(error?.message).toBe(TOO_COMPLEX);
    });

    it('accepts complexity 10 and refuses 11', async () => {
      await expect(send(wildcardPattern('*:*:*:*:*:'))).resolves.toBeDefined();
      const error = await failureOf(send(wildcardPattern('*:*:*:*:*:*')));
      expect(error).toBeInstanceOf(InvalidEventPatternException);
      expect(error?.message).toBe(TOO_COMPLEX);
    });

    it('adds up the wildcards of one field: three stacks pass, a fourth is refused', async () => {
      const stacks = ['*:stack/A/*', '*:stack/B/*', '*:stack/C/*'];
      await expect(send(wildcardPattern(...stacks))).resolves.toBeDefined();
      const error = await failureOf(send(wildcardPattern(...stacks, '*:stack/D/*')));
      expect(error?.message).toBe(TOO_COMPLEX);
    });

    it('accepts 4096 characters and refuses 4097 before reading the pattern', async () => {
      await expect(send(patternOfLength(4096))).resolves.toBeDefined();
      const error = await failureOf(send(`${patternOfLength(4097)}`));
      expect(error?.name).toBe('ValidationException');
      expect(error?.message).toBe(TOO_LONG);
      const invalidAndLong = await failureOf(send(`{"a": 1, "b": "${'x'.repeat(4096)}"}`));
      expect(invalidAndLong?.message).toBe(TOO_LONG);
    });
  });

  it('answers TestEventPattern for the simplified pattern AWS accepts', async () => {
    const { Result } = await testPattern(wildcardPattern('arn:aws:events:us-east-1:*:event-bus/*'));
    expect(Result).toBe(true);
  });

  it('keeps no rule PutRule refused', async () => {
    const error = await failureOf(
      client.send(new PutRuleCommand({ Name: 'refused', EventPattern: wildcardPattern('*:*:*:*:*:*') })),
    );
    expect(error).toBeInstanceOf(InvalidEventPatternException);
    const missing = await failureOf(client.send(new DescribeRuleCommand({ Name: 'refused' })));
    expect(missing?.name).toBe('ResourceNotFoundException');
  });
});
