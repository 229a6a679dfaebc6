import { fileURLToPath } from 'node:url';
import { startLocalCloudUnderTest } from '@eshop/local-cloud';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    basketApiUrl: string;
    basketCatalogUrl: string;
    basketPackageDir: string;
    basketIssuerUrl: string;
    basketEndpoints: { dynamodb: string; sqs: string; eventbridge: string };
  }
}

const servicesDir = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject) {
  // Lambda runs Node 22; don't print the SDK's Node 20 notice in every test run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cloud = await startLocalCloudUnderTest(servicesDir, ['product', 'basket'], ['basket']);
  project.provide('basketApiUrl', cloud.services.basket ?? '');
  project.provide('basketCatalogUrl', cloud.services.product ?? '');
  project.provide('basketPackageDir', cloud.packageDirs.basket ?? '');
  project.provide('basketEndpoints', cloud.endpoints);
  project.provide('basketIssuerUrl', cloud.issuer);
  return () => cloud.stop();
}
