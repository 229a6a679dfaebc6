import { fileURLToPath } from 'node:url';
import { startServiceUnderTest } from '@eshop/local-cloud';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    productApiUrl: string;
    productTableName: string;
    productPackageDir: string;
    productIssuerUrl: string;
  }
}

const serviceDir = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  // Lambda runs Node 22; don't print the SDK's Node 20 notice in every test run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const service = await startServiceUnderTest(serviceDir);
  project.provide('dynamodbEndpoint', service.dynamodbEndpoint);
  project.provide('productApiUrl', service.apiUrl);
  project.provide('productPackageDir', service.packageDir);
  project.provide('productIssuerUrl', service.issuerUrl);
  project.provide('productTableName', String(service.config.provider.environment?.PRODUCT_TABLE_NAME));
  return () => service.stop();
}
