import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startDevIssuer } from '../auth/dev-issuer.js';
import { createTables } from '../dynamodb/create-tables.js';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local.js';
import { localAwsEnvironment } from '../local-aws.js';
import { startServiceOffline } from '../offline/serverless-offline.js';
import { freePort } from '../process/free-port.js';
import { packageService } from '../templates/package-service.js';
import { loadServiceConfig, type ServiceConfig } from '../templates/service-config.js';
import { EXAMPLE_DEPLOY_PARAMS } from './example-deploy-params.js';

export interface ServiceUnderTest {
  config: ServiceConfig;
  /** Where `serverless package --stage test` wrote the artifacts and CloudFormation template. */
  packageDir: string;
  dynamodbEndpoint: string;
  /** Base URL of the service's HTTP API served by serverless-offline. */
  apiUrl: string;
  /** serverless-offline's Lambda invoke API for this service. */
  lambdaEndpoint: string;
  /** The development token issuer the service trusts: `POST <issuerUrl>/token {"userName"}`. */
  issuerUrl: string;
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
  const [dynamodb, config, issuer] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    loadServiceConfig(serviceDir, 'local'),
    startDevIssuer({ port: 0 }),
    packageService(serviceDir, 'test', packageDir, EXAMPLE_DEPLOY_PARAMS),
  ]);
  try {
    await createTables(config, dynamodb.endpoint);
    const offline = await startServiceOffline({
      serviceDir,
      httpPort: await freePort(),
      lambdaPort: await freePort(),
      env: {
        ...localAwsEnvironment({ dynamodb: dynamodb.endpoint }),
        JWT_ISSUER: issuer.issuer,
        JWT_AUDIENCE: issuer.audience,
        ...extraEnv,
      },
    });
    return {
      config,
      packageDir,
      dynamodbEndpoint: dynamodb.endpoint,
      apiUrl: offline.url,
      lambdaEndpoint: offline.lambdaEndpoint,
      issuerUrl: issuer.issuer,
      stop: async () => {
        await offline.stop();
        await dynamodb.stop();
        await issuer.stop();
        await rm(packageDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await dynamodb.stop();
    await issuer.stop();
    throw error;
  }
};
