import { fileURLToPath } from 'node:url';
import { discoverServices, type LocalCloudPorts, startLocalCloudUnderTest } from '@eshop/local-cloud';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServices: Record<string, string>;
    e2eEndpoints: { dynamodb: string; sqs: string; eventbridge: string };
    e2ePorts: LocalCloudPorts;
    e2eIssuer: string;
  }
}

const servicesDir = fileURLToPath(new URL('../../../services', import.meta.url));

export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cloud = await startLocalCloudUnderTest(servicesDir, discoverServices(servicesDir));
  project.provide('e2eServices', cloud.services);
  project.provide('e2eEndpoints', cloud.endpoints);
  project.provide('e2ePorts', cloud.ports);
  project.provide('e2eIssuer', cloud.issuer);
  return () => cloud.stop();
}
