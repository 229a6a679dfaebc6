import { fileURLToPath } from 'node:url';
import { startServiceUnderTest } from '@eshop/local-cloud';
import type { TestProject } from 'vitest/node';

// `inject` names are global across projects: every one of ours starts with `ordering`.
declare module 'vitest' {
  export interface ProvidedContext {
    orderingDynamodbEndpoint: string;
    orderingApiUrl: string;
    orderingTableName: string;
    orderingPackageDir: string;
    orderingIssuerUrl: string;
  }
}

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  // Lambda runs Node 22; don't print the SDK's Node 20 notice in every test run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const service = await startServiceUnderTest(serviceDir);
  project.provide('orderingDynamodbEndpoint', service.dynamodbEndpoint);
  project.provide('orderingApiUrl', service.apiUrl);
  project.provide('orderingPackageDir', service.packageDir);
  project.provide('orderingIssuerUrl', service.issuerUrl);
  project.provide('orderingTableName', String(service.config.provider.environment?.ORDER_TABLE_NAME));
  return () => service.stop();
}
