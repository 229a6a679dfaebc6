import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The CloudWatch namespace of every business metric. */
export const METRICS_NAMESPACE = 'eshop';

/** What the shop counts, one data point per event (see the README, "Business metrics"). */
export type BusinessMetric =
  | 'CheckoutsAccepted'
  | 'CheckoutsRefused'
  | 'OrdersPlaced'
  | 'DuplicateDeliveriesSuppressed'
  | 'PoisonMessages';

/**
 * Counts one business event. Dimensions must come from a small fixed set of values (a refusal's
 * `reason`, never an id): every distinct combination is a CloudWatch metric of its own.
 */
export type CountMetric = (metric: BusinessMetric, dimensions?: Readonly<Record<string, string>>) => void;

/**
 * Creates the business-metric counter of one service (Powertools Metrics): each event is one
 * CloudWatch Embedded Metric Format line on stdout, written at once, which CloudWatch Logs turns
 * into a metric of namespace `eshop` with the dimension `service` (plus any given). Nothing is
 * buffered, so no middleware has to flush and a crashed invocation loses no count; locally the
 * lines are plain log lines.
 *
 * @example
 * const countMetric = createMetricCounter('basket');
 * countMetric('CheckoutsRefused', { reason: 'basket-empty' });
 */
export const createMetricCounter = (serviceName: string): CountMetric => {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  return (metric, dimensions = {}) => {
    const single = metrics.singleMetric();
    for (const [name, value] of Object.entries(dimensions)) single.addDimension(name, value);
    single.addMetric(metric, MetricUnit.Count, 1);
  };
};
