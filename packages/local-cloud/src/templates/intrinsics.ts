import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../local-aws.js';
import type { CfnResource, ServiceConfig } from './service-config.js';

/**
 * Resolves the CloudFormation intrinsic functions our templates use (`Ref`, `Fn::GetAtt`,
 * `Fn::Join`, `Fn::Sub` with plain variables) to the values the local cloud gives those resources.
 * Anything else is an error naming it, so a new kind of reference is noticed, not silently wrong.
 */
export const resolveIntrinsics = (value: unknown, config: ServiceConfig, sqsEndpoint = ''): unknown => {
  const resolve = (v: unknown): unknown => resolveIntrinsics(v, config, sqsEndpoint);
  if (Array.isArray(value)) return value.map(resolve);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key === 'Ref') return refOf(String(argument), config, sqsEndpoint);
  if (entries.length === 1 && key === 'Fn::GetAtt') {
    const [logicalId, attribute] = (
      typeof argument === 'string' ? argument.split('.') : argument
    ) as string[];
    return attributeOf(String(logicalId), String(attribute), config, sqsEndpoint);
  }
  if (entries.length === 1 && key === 'Fn::Join') {
    const [separator, parts] = argument as [string, unknown[]];
    return (resolve(parts) as unknown[]).join(separator);
  }
  if (entries.length === 1 && key === 'Fn::Sub' && typeof argument === 'string') {
    return argument.replace(/\$\{([\w:.]+)\}/g, (_, name: string) =>
      String(
        name.includes('.')
          ? attributeOf(name.split('.')[0] ?? '', name.split('.')[1] ?? '', config, sqsEndpoint)
          : refOf(name, config, sqsEndpoint),
      ),
    );
  }
  if (key?.startsWith('Fn::') && entries.length === 1) {
    throw new Error(`${config.service}: the local cloud cannot resolve ${key} yet`);
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
};

const resourceOf = (logicalId: string, config: ServiceConfig): CfnResource => {
  const resource = config.resources?.Resources?.[logicalId];
  if (resource === undefined) throw new Error(`${config.service}: no resource ${logicalId} in serverless.ts`);
  return resource;
};

const nameOf = (
  logicalId: string,
  resource: CfnResource,
  property: string,
  config: ServiceConfig,
): string => {
  const name = resource.Properties?.[property];
  if (typeof name !== 'string') {
    throw new Error(`${config.service}: ${logicalId} needs an explicit ${property} to run locally`);
  }
  return name;
};

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT_ID,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

const refOf = (logicalId: string, config: ServiceConfig, sqsEndpoint: string): string => {
  const pseudo = PSEUDO_PARAMETERS[logicalId];
  if (pseudo !== undefined) return pseudo;
  const resource = resourceOf(logicalId, config);
  switch (resource.Type) {
    case 'AWS::SQS::Queue':
      return `${sqsEndpoint}/${LOCAL_ACCOUNT_ID}/${nameOf(logicalId, resource, 'QueueName', config)}`;
    case 'AWS::DynamoDB::Table':
      return nameOf(logicalId, resource, 'TableName', config);
    case 'AWS::Events::EventBus':
      return nameOf(logicalId, resource, 'Name', config);
    case 'AWS::Events::Rule':
      return nameOf(logicalId, resource, 'Name', config);
    default:
      throw new Error(`${config.service}: the local cloud cannot resolve Ref of a ${resource.Type}`);
  }
};

const attributeOf = (
  logicalId: string,
  attribute: string,
  config: ServiceConfig,
  sqsEndpoint: string,
): string => {
  const resource = resourceOf(logicalId, config);
  const arn = (service: string, resourcePath: string) =>
    `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${resourcePath}`;
  switch (`${resource.Type}.${attribute}`) {
    case 'AWS::SQS::Queue.Arn':
      return arn('sqs', nameOf(logicalId, resource, 'QueueName', config));
    case 'AWS::SQS::Queue.QueueName':
      return nameOf(logicalId, resource, 'QueueName', config);
    case 'AWS::SQS::Queue.QueueUrl':
      return refOf(logicalId, config, sqsEndpoint);
    case 'AWS::DynamoDB::Table.Arn':
      return arn('dynamodb', `table/${nameOf(logicalId, resource, 'TableName', config)}`);
    case 'AWS::Events::EventBus.Arn':
      return arn('events', `event-bus/${nameOf(logicalId, resource, 'Name', config)}`);
    case 'AWS::Events::EventBus.Name':
      return nameOf(logicalId, resource, 'Name', config);
    case 'AWS::Events::Rule.Arn': {
      const bus = resource.Properties?.EventBusName;
      const busName = typeof bus === 'string' ? bus.split('/').pop() : String(resolveIntrinsics(bus, config));
      const ruleName = nameOf(logicalId, resource, 'Name', config);
      return arn(
        'events',
        busName && busName !== 'default' ? `rule/${busName}/${ruleName}` : `rule/${ruleName}`,
      );
    }
    default:
      throw new Error(
        `${config.service}: the local cloud cannot resolve ${logicalId}.${attribute} (${resource.Type})`,
      );
  }
};
