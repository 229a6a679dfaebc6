import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import type { ServiceConfig } from '../templates/service-config.js';

interface LocalCloudSettings {
  /** Table logical id → JSON file (an array of items), relative to the service folder. */
  seed?: Record<string, string>;
}

/**
 * Loads each service's seed files (`custom.localCloud.seed` in its serverless.ts) into its local
 * tables. Items that already exist (a persisted database) are left as they are. Returns the count.
 */
export const seedTables = async (
  config: ServiceConfig,
  serviceDir: string,
  endpoint: string,
): Promise<number> => {
  const seeds = (config.custom?.localCloud as LocalCloudSettings | undefined)?.seed ?? {};
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  let written = 0;
  try {
    for (const [logicalId, file] of Object.entries(seeds)) {
      const tableName = config.resources?.Resources?.[logicalId]?.Properties?.TableName;
      if (typeof tableName !== 'string') throw new Error(`${config.service}: no table ${logicalId} to seed`);
      const keyAttributes = keyAttributesOf(config, logicalId);
      const items = JSON.parse(await readFile(join(serviceDir, file), 'utf8')) as Record<string, unknown>[];
      for (const item of items) {
        try {
          await client.send(
            new PutCommand({
              TableName: tableName,
              Item: item,
              ConditionExpression: keyAttributes.map((_, i) => `attribute_not_exists(#k${i})`).join(' AND '),
              ExpressionAttributeNames: Object.fromEntries(keyAttributes.map((name, i) => [`#k${i}`, name])),
            }),
          );
          written += 1;
        } catch (error) {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        }
      }
    }
    return written;
  } finally {
    client.destroy();
  }
};

const keyAttributesOf = (config: ServiceConfig, logicalId: string): string[] => {
  const keySchema = config.resources?.Resources?.[logicalId]?.Properties?.KeySchema as
    | { AttributeName: string }[]
    | undefined;
  return (keySchema ?? []).map((key) => key.AttributeName);
};
