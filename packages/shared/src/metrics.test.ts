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
});
