import { integerParam } from './params.js';

/**
 * What every deployed service needs to be operated: an SNS topic its alarms notify (with an
 * optional e-mail subscription), an alarm on its API's 5xx answers, HTTP API throttling and JSON
 * access logs. Services add alarms of their own with `alarm`.
 */

/** The topic every alarm of a service notifies. */
export const ALARM_TOPIC = 'AlarmTopic';

/** The HTTP API serverless creates from `httpApi` events, and its `$default` stage. */
const HTTP_API = 'HttpApi';
const HTTP_API_STAGE = 'HttpApiStage';

/**
 * One JSON line per request in the HTTP API's access log group.
 *
 * HTTP API access logs cannot carry request headers, so the client's `x-correlation-id` cannot be
 * logged here. `lambdaRequestId` (`$context.integration.requestId`, the Lambda invocation's request
 * id) is on every log line the function writes as `function_request_id`, and it is the correlation
 * id itself when the client sent none: filter the function's logs by it to join the two.
 */
export const accessLogFormat = JSON.stringify({
  requestId: '$context.requestId',
  lambdaRequestId: '$context.integration.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
});

interface AlarmDefinition {
  description: string;
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: unknown }[];
  statistic: 'Sum' | 'Maximum';
  /** Alarm when the statistic over one minute reaches this. */
  threshold: number;
}

/**
 * A CloudWatch alarm that notifies the service's alarm topic when a metric reaches a threshold
 * within a minute, and again when it is back to normal. No data (no traffic) is normal.
 */
export const alarm = ({
  description,
  namespace,
  metricName,
  dimensions,
  statistic,
  threshold,
}: AlarmDefinition) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: {
    AlarmDescription: description,
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: dimensions,
    Statistic: statistic,
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: threshold,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [{ Ref: ALARM_TOPIC }],
    OKActions: [{ Ref: ALARM_TOPIC }],
  },
});

/** Alarms when a queue (a dead-letter queue) holds any message. */
export const queueHasMessagesAlarm = (queueLogicalId: string, description: string) =>
  alarm({
    description,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueLogicalId, 'QueueName'] } }],
    statistic: 'Maximum',
    threshold: 1,
  });

/** Alarms when a function's invocations fail (an error thrown, a timeout, a crash). */
export const functionErrorsAlarm = (functionLogicalId: string, description: string) =>
  alarm({
    description,
    namespace: 'AWS/Lambda',
    metricName: 'Errors',
    dimensions: [{ Name: 'FunctionName', Value: { Ref: functionLogicalId } }],
    statistic: 'Sum',
    threshold: 1,
  });

/** The alarm topic, its optional e-mail subscription, and the API's 5xx alarm. */
export const operationsResources = {
  Conditions: {
    HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': ['${param:alarmEmail}', ''] }] },
  },
  Resources: {
    [ALARM_TOPIC]: {
      Type: 'AWS::SNS::Topic',
      Properties: {
        TopicName: '${self:service}-${sls:stage}-alarms',
        DisplayName: '${self:service} ${sls:stage} alarms',
      },
    },
    AlarmEmailSubscription: {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasAlarmEmail',
      Properties: { TopicArn: { Ref: ALARM_TOPIC }, Protocol: 'email', Endpoint: '${param:alarmEmail}' },
    },
    HttpApi5xxAlarm: alarm({
      description: '${self:service} ${sls:stage}: the HTTP API answered 5xx',
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensions: [
        { Name: 'ApiId', Value: { Ref: HTTP_API } },
        { Name: 'Stage', Value: '$default' },
      ],
      statistic: 'Sum',
      threshold: 1,
    }),
  },
  Outputs: {
    AlarmTopicArn: { Value: { Ref: ALARM_TOPIC } },
  },
};

/**
 * Settings serverless has no option for, merged into the resources it generates: throttling of the
 * HTTP API's `$default` stage (the access log comes from `provider.logs.httpApi`).
 */
export const httpApiStageExtension = {
  [HTTP_API_STAGE]: {
    Properties: {
      DefaultRouteSettings: {
        ThrottlingRateLimit: integerParam('apiThrottlingRateLimit'),
        ThrottlingBurstLimit: integerParam('apiThrottlingBurstLimit'),
      },
    },
  },
};
