import { readFileSync } from 'node:fs';
import {
  EventBridgeClient,
  InvalidEventPatternException,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEventBridge, startEventBridge } from '../src/eventbridge/index.js';

interface PatternCase {
  readonly name: string;
  readonly expected: 'match' | 'no-match' | 'invalid';
  readonly pattern: unknown;
  readonly event: unknown;
  readonly message?: string;
}

const cases: PatternCase[] = JSON.parse(
  readFileSync(new URL('./fixtures/eventbridge-patterns/cases.json', import.meta.url), 'utf8'),
);

describe('EventBridge pattern conformance (outcomes recorded against AWS)', () => {
  let eventBridge: RunningEventBridge;
  let client: EventBridgeClient;

  beforeAll(async () => {
    eventBridge = await startEventBridge({ port: 0 });
    client = new EventBridgeClient({
      endpoint: eventBridge.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await eventBridge.stop();
  });

  it('covers the whole recorded sample', () => {
    expect(cases).toHaveLength(96);
  });

  it.each(cases)('$name → $expected', async ({ pattern, event, expected, message }) => {
    const command = new TestEventPatternCommand({
      EventPattern: JSON.stringify(pattern),
      Event: JSON.stringify(event),
    });

    if (expected === 'invalid') {
      const error = await client.send(command).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(InvalidEventPatternException);
      expect((error as InvalidEventPatternException).message).toBe(message);
    } else {
      const { Result } = await client.send(command);
      expect(Result).toBe(expected === 'match');
    }
  });
});
