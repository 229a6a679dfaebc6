import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { resourcesOfType, type ServiceConfig } from '../templates/service-config.js';

type TableProperties = CreateTableCommandInput & {
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
};

// CloudFormation properties that CreateTable does not take (DynamoDB Local ignores them anyway).
const CFN_ONLY_PROPERTIES = [
  'PointInTimeRecoverySpecification',
  'SSESpecification',
  'TimeToLiveSpecification',
  'Tags',
  'ContributorInsightsSpecification',
  'KinesisStreamSpecification',
  'ImportSourceSpecification',
  'DeletionProtectionEnabled',
  'ResourcePolicy',
  'WarmThroughput',
  'OnDemandThroughput',
];

const toCreateTableInput = (properties: Record<string, unknown>): CreateTableCommandInput =>
  Object.fromEntries(
    Object.entries(properties).filter(([key]) => !CFN_ONLY_PROPERTIES.includes(key)),
  ) as unknown as CreateTableCommandInput;

/**
 * Creates every `AWS::DynamoDB::Table` of a resolved service config in DynamoDB Local (tables
 * that already exist, e.g. with `--persist`, are kept). Returns the table names.
 *
 * @example
 * await createTables(await loadServiceConfig('services/product', 'local'), ddb.endpoint);
 */
export const createTables = async (config: ServiceConfig, endpoint: string): Promise<string[]> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const names: string[] = [];
    for (const [logicalId, resource] of resourcesOfType(config, 'AWS::DynamoDB::Table')) {
      const raw = resource.Properties ?? {};
      const properties = raw as unknown as TableProperties;
      if (typeof properties.TableName !== 'string') {
        throw new Error(`${config.service}: table ${logicalId} needs an explicit TableName to run locally`);
      }
      try {
        await client.send(new CreateTableCommand(toCreateTableInput(raw)));
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      if (properties.TimeToLiveSpecification?.Enabled) {
        await client
          .send(
            new UpdateTimeToLiveCommand({
              TableName: properties.TableName,
              TimeToLiveSpecification: properties.TimeToLiveSpecification,
            }),
          )
          .catch(() => undefined); // already enabled on a persisted table
      }
      names.push(properties.TableName);
    }
    return names;
  } finally {
    client.destroy();
  }
};
