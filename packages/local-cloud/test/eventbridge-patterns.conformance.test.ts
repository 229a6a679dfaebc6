import { InvalidEventPatternException, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { recordedPatternCases as cases } from './fixtures/eventbridge-patterns/cases.js';
import { localEventBridgeForFile } from './support/local-eventbridge.js';

describe('EventBridge pattern conformance (outcomes recorded against AWS)', () => {
  const { client } = localEventBridgeForFile();

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
