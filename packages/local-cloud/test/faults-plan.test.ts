import { describe, expect, it } from 'vitest';
import { AWS_FAULTS } from '../src/faults/aws-faults.js';
import { decideFault, type FaultConfig, validateFaultConfig } from '../src/faults/fault-plan.js';
import { deriveSeed, seededRandom } from '../src/faults/random.js';

const draws = (seed: number, count: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
};

/** How often each outcome comes up over many decisions for one operation. */
const tally = (config: FaultConfig, operation: string, count = 10_000, service = AWS_FAULTS.dynamodb) => {
  const random = seededRandom(99);
  const outcomes: Record<string, number> = {};
  for (let n = 0; n < count; n++) {
    const decision = decideFault(config, service, operation, random);
    const key = 'fault' in decision ? `${decision.kind}:${decision.fault.name}` : decision.kind;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return outcomes;
};

describe('seeded randomness', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    expect(draws(7, 50)).toEqual(draws(7, 50));
    expect(draws(7, 50)).not.toEqual(draws(8, 50));
    for (const value of draws(7, 1000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it('derives a different stream per service from one run seed', () => {
    expect(deriveSeed(7, 'dynamodb')).not.toBe(deriveSeed(7, 'sqs'));
    expect(deriveSeed(7, 'dynamodb')).toBe(deriveSeed(7, 'dynamodb'));
  });
});

describe('decideFault', () => {
  it('meets each kind of trouble at its rate', () => {
    const outcomes = tally(
      { rates: { errorBeforeForward: 0.2, errorAfterForward: 0.1, latency: 0.05, freeze: 0.05 } },
      'PutItem',
    );
    const share = (prefix: string) =>
      Object.entries(outcomes)
        .filter(([key]) => key.startsWith(prefix))
        .reduce((sum, [, count]) => sum + count, 0) / 10_000;

    expect(share('errorBeforeForward')).toBeCloseTo(0.2, 1);
    expect(share('errorAfterForward')).toBeCloseTo(0.1, 1);
    expect(share('latency')).toBeCloseTo(0.05, 1);
    expect(share('freeze')).toBeCloseTo(0.05, 1);
    expect(share('none')).toBeCloseTo(0.6, 1);
  });

  it('injects nothing when no rate is set', () => {
    expect(tally({}, 'PutItem', 1000)).toEqual({ none: 1000 });
  });

  it('uses an operation’s own rates instead of the general ones', () => {
    const config: FaultConfig = { rates: { errorBeforeForward: 1 }, operations: { GetItem: {} } };

    expect(tally(config, 'GetItem', 100)).toEqual({ none: 100 });
    expect(tally(config, 'PutItem', 100).none).toBeUndefined();
  });

  it('after forwarding, draws only errors AWS can give after the work', () => {
    const outcomes = tally({ rates: { errorAfterForward: 1 } }, 'TransactWriteItems', 1000);

    expect(Object.keys(outcomes)).toEqual(['errorAfterForward:InternalServerError']);
  });

  it('offers a transaction conflict only to transactions, failed entries only to PutEvents', () => {
    const config: FaultConfig = { rates: { errorBeforeForward: 1 } };

    expect(Object.keys(tally(config, 'PutItem', 1000))).not.toContain(
      'errorBeforeForward:TransactionConflict',
    );
    expect(Object.keys(tally(config, 'TransactWriteItems', 1000))).toContain(
      'errorBeforeForward:TransactionConflict',
    );
    expect(Object.keys(tally(config, 'PutEvents', 1000, AWS_FAULTS.eventbridge))).toContain(
      'errorBeforeForward:PutEventsFailedEntries',
    );
    expect(Object.keys(tally(config, 'ListRules', 1000, AWS_FAULTS.eventbridge))).not.toContain(
      'errorBeforeForward:PutEventsFailedEntries',
    );
  });

  it('draws only the errors it is told to', () => {
    const outcomes = tally(
      { rates: { errorBeforeForward: 1 }, errors: ['ThrottlingException'] },
      'PutItem',
      500,
    );

    expect(outcomes).toEqual({ 'errorBeforeForward:ThrottlingException': 500 });
  });

  it('draws latency and freeze durations from their ranges', () => {
    const random = seededRandom(3);
    const config: FaultConfig = { rates: { latency: 0.5, freeze: 0.5 }, latencyMs: [10, 20], freezeMs: 700 };
    for (let n = 0; n < 200; n++) {
      const decision = decideFault(config, AWS_FAULTS.sqs, 'SendMessage', random);
      if (decision.kind === 'latency') expect(decision.ms).toSatisfy((ms: number) => ms >= 10 && ms <= 20);
      else expect(decision).toEqual({ kind: 'freeze', ms: 700 });
    }
  });
});

describe('validateFaultConfig', () => {
  const names = AWS_FAULTS.sqs.map((fault) => fault.name);

  it.each([
    [{ rates: { latency: -0.1 } }, /rates.latency must be from 0 to 1/],
    [{ rates: { errorBeforeForward: 0.6, errorAfterForward: 0.6 } }, /add up to 1.2/],
    [{ operations: { SendMessage: { freeze: 2 } } }, /operations.SendMessage.freeze/],
    [
      { errors: ['ProvisionedThroughputExceededException'] },
      /Unknown error .* RequestThrottled, InternalFailure/,
    ],
    [{ latencyMs: [30, 10] as const }, /latencyMs/],
    [{ freezeMs: 1.5 }, /freezeMs/],
  ])('rejects %j', (config, message) => {
    expect(() => validateFaultConfig(config, names)).toThrow(message);
  });

  it('accepts a full configuration', () => {
    expect(() =>
      validateFaultConfig(
        {
          rates: { errorBeforeForward: 0.05, errorAfterForward: 0.05, latency: 0.05, freeze: 0.01 },
          operations: { ReceiveMessage: { latency: 0.5 } },
          errors: ['RequestThrottled'],
          latencyMs: [50, 300],
          freezeMs: 1000,
        },
        names,
      ),
    ).not.toThrow();
  });
});
