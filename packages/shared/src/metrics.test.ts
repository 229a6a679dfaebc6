import { describe, expect, it } from 'vitest';
import { createMetricCounter } from './metrics.js';
import { captureStdout, metricsIn } from './testing/index.js';

describe('createMetricCounter', () => {
  it('writes each count at once as one EMF line in namespace eshop, with the service and the given dimensions', () => {
    const countMetric = createMetricCounter('basket');
    const stdout = captureStdout();

    countMetric('CheckoutsRefused', { reason: 'basket-empty' });
    countMetric('CheckoutsAccepted');
    const lines = stdout.stop();

    expect(lines).toHaveLength(2);
    expect(metricsIn(lines)).toEqual([
      {
        namespace: 'eshop',
        name: 'CheckoutsRefused',
        value: 1,
        dimensions: { service: 'basket', reason: 'basket-empty' },
      },
      { namespace: 'eshop', name: 'CheckoutsAccepted', value: 1, dimensions: { service: 'basket' } },
    ]);
    expect(JSON.parse(lines[0] ?? '')._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'CheckoutsRefused', Unit: 'Count' },
    ]);
  });

  it('writes the EMF specification’s shape: a millisecond timestamp, one dimension set naming every dimension, the value as a field', () => {
    const countMetric = createMetricCounter('ordering');
    const stdout = captureStdout();
    const before = Date.now();

    countMetric('PoisonMessages', { reason: 'invalid-event' });
    const after = Date.now();
    const [line = ''] = stdout.stop();
    const emf = JSON.parse(line);

    expect(emf).toEqual({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: 'eshop',
            Dimensions: [['reason', 'service']],
            Metrics: [{ Name: 'PoisonMessages', Unit: 'Count' }],
          },
        ],
      },
      service: 'ordering',
      reason: 'invalid-event',
      PoisonMessages: 1,
    });
    expect(emf._aws.Timestamp).toBeGreaterThanOrEqual(before);
    expect(emf._aws.Timestamp).toBeLessThanOrEqual(after);
  });

  it('keeps the service dimension its own: a dimension of that name cannot replace it', () => {
    const countMetric = createMetricCounter('basket');
    const stdout = captureStdout();

    countMetric('CheckoutsAccepted', { service: 'ordering' });

    expect(metricsIn(stdout.stop())).toEqual([
      { namespace: 'eshop', name: 'CheckoutsAccepted', value: 1, dimensions: { service: 'basket' } },
    ]);
  });
});
