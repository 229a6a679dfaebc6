import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
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

/**
 * For tests that must own a whole table (to assert that nothing at all was written): creates
 * `newTableName` with the key schema and indexes of an existing table (e.g. one `createTables`
 * made from a service's template), in the same DynamoDB Local or in `targetEndpoint`. Returns a
 * function that deletes it again.
 *
 * @example
 * const drop = await createTableLike(endpoint, 'eshop-product-local-products', 'products-fuzz-1');
 */
export const createTableLike = async (
  endpoint: string,
  sourceTableName: string,
  newTableName: string,
  targetEndpoint: string = endpoint,
): Promise<() => Promise<void>> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const target = new DynamoDBClient({
    endpoint: targetEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: sourceTableName }));
    if (Table?.KeySchema === undefined) throw new Error(`Table ${sourceTableName} has no key schema`);
    await target.send(
      new CreateTableCommand({
        TableName: newTableName,
        KeySchema: Table.KeySchema,
        AttributeDefinitions: Table.AttributeDefinitions,
        BillingMode: 'PAY_PER_REQUEST',
        ...(Table.GlobalSecondaryIndexes === undefined
          ? {}
          : {
              GlobalSecondaryIndexes: Table.GlobalSecondaryIndexes.map((index) => ({
                IndexName: index.IndexName,
                KeySchema: index.KeySchema,
                Projection: index.Projection,
              })),
            }),
      }),
    );
  } finally {
    client.destroy();
    target.destroy();
  }
  return async () => {
    const dropper = new DynamoDBClient({
      endpoint: targetEndpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      await dropper.send(new DeleteTableCommand({ TableName: newTableName }));
    } finally {
      dropper.destroy();
    }
  };
};
