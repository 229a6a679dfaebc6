import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createTables } from '../dynamodb/create-tables.js';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local.js';
import { localAwsEnvironment } from '../local-aws.js';
import { startServiceOffline } from '../offline/serverless-offline.js';
import { freePort } from '../process/free-port.js';
import { packageService } from '../templates/package-service.js';
import { loadServiceConfig, type ServiceConfig } from '../templates/service-config.js';

export interface ServiceUnderTest {
  config: ServiceConfig;
  /** Where `serverless package --stage test` wrote the artifacts and CloudFormation template. */
  packageDir: string;
  dynamodbEndpoint: string;
  /** Base URL of the service's HTTP API served by serverless-offline. */
  apiUrl: string;
  stop: () => Promise<void>;
}

/**
 * For a service's vitest global setup: a private DynamoDB Local on a free port with the service's
 * own tables, and the service itself under serverless-offline pointed at it. Free ports keep a
 * test run from colliding with a running `pnpm dev`.
 *
 * @example
 * const service = await startServiceUnderTest('services/product');
 * // ... run tests against service.apiUrl ...
 * await service.stop();
 */
export const startServiceUnderTest = async (
  serviceDir: string,
  extraEnv: Record<string, string> = {},
): Promise<ServiceUnderTest> => {
  const packageDir = await mkdtemp(join(tmpdir(), `${basename(serviceDir)}-package-`));
  // Packaging finishes before serverless-offline starts: both build into the service's .esbuild folder.
  const [dynamodb, config] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    loadServiceConfig(serviceDir, 'local'),
    packageService(serviceDir, 'test', packageDir),
  ]);
  try {
    await createTables(config, dynamodb.endpoint);
    const offline = await startServiceOffline({
      serviceDir,
      httpPort: await freePort(),
      lambdaPort: await freePort(),
      env: { ...localAwsEnvironment({ dynamodb: dynamodb.endpoint }), ...extraEnv },
    });
    return {
      config,
      packageDir,
      dynamodbEndpoint: dynamodb.endpoint,
      apiUrl: offline.url,
      stop: async () => {
        await offline.stop();
        await dynamodb.stop();
        await rm(packageDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dynamodb.stop();
    throw error;
  }
};
