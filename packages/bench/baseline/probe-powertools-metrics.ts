// Cost of Powertools Metrics alone, created at init as the composition roots that count do.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const metrics = new Metrics({ namespace: 'eshop', serviceName: 'probe' });

export const handler = async () => metrics.singleMetric().addMetric('Probed', MetricUnit.Count, 1);
