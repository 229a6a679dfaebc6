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
 * Creates the business-metric counter of one service: each event is one CloudWatch Embedded Metric
 * Format line on stdout, written at once, which CloudWatch Logs turns into a metric of namespace
 * `eshop` with the dimension `service` (plus any given). Nothing is buffered, so no middleware has
 * to flush and a crashed invocation loses no count; locally the lines are plain log lines.
 *
 * Written here rather than with Powertools Metrics (issue 14): a count per event uses none of its
 * buffering or its checks for up to 100 metrics per line, and loading and creating it cost the
 * consumer about 5 ms of init and 2 ms of its first invocation, measured. The line is the EMF
 * specification's own shape: `_aws` metadata naming the metric, then the dimension values and the
 * value as top-level fields. It goes straight to `process.stdout`, as Powertools writes it: the
 * Lambda runtime's `console` would prefix a timestamp and request id, and CloudWatch would not
 * read the line as EMF.
 *
 * @example
 * const countMetric = createMetricCounter('basket');
 * countMetric('CheckoutsRefused', { reason: 'basket-empty' });
 */
export const createMetricCounter =
  (serviceName: string): CountMetric =>
  (metric, dimensions = {}) => {
    // The service is the dimension every metric has; a given dimension cannot replace it.
    const values = { ...dimensions, service: serviceName };
    const line = {
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [Object.keys(values)],
            Metrics: [{ Name: metric, Unit: 'Count' }],
          },
        ],
      },
      ...values,
      [metric]: 1,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
