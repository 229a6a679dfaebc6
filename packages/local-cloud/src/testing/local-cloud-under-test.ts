import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultProxiesOptions } from '../chaos/fault-proxies.js';
import { type RunningLocalCloud, startLocalCloud } from '../dev/local-cloud.js';
import { LOCAL_HOST, type LocalCloudPorts } from '../dev/ports.js';
import { freePort } from '../process/free-port.js';
import { packageService } from '../templates/package-service.js';
import { EXAMPLE_DEPLOY_PARAMS } from './example-deploy-params.js';

export interface LocalCloudUnderTest extends RunningLocalCloud {
  /** Where `serverless package --stage test` wrote each packaged service's CloudFormation. */
  packageDirs: Record<string, string>;
  ports: LocalCloudPorts;
}

const freePorts = async (services: string[]): Promise<LocalCloudPorts> => {
  const entries: [string, { http: number; lambda: number }][] = [];
  for (const name of services)
    entries.push([name, { http: await freePort(LOCAL_HOST), lambda: await freePort(LOCAL_HOST) }]);
  return {
    dynamodb: await freePort(LOCAL_HOST),
    sqs: await freePort(LOCAL_HOST),
    eventbridge: await freePort(LOCAL_HOST),
    auth: await freePort(LOCAL_HOST),
    services: Object.fromEntries(entries),
  };
};

/**
 * For vitest global setups that need several services and the event plumbing: the same local
 * cloud `pnpm dev` runs, on free ports, for the given services; optionally packages some of them
 * (`serverless package --stage test`) for template tests.
 *
 * @example
 * const cloud = await startLocalCloudUnderTest('services', ['product', 'basket'], ['basket']);
 */
export const startLocalCloudUnderTest = async (
  servicesDir: string,
  services: string[],
  packaged: string[] = [],
  {
    faults,
    onLog,
    offlineStartupTimeoutMs,
  }: {
    faults?: FaultProxiesOptions;
    onLog?: (component: string, line: string) => void;
    offlineStartupTimeoutMs?: number;
  } = {},
): Promise<LocalCloudUnderTest> => {
  const ports = await freePorts(services);
  const packageDirs: Record<string, string> = {};
  for (const name of packaged) packageDirs[name] = await mkdtemp(join(tmpdir(), `${name}-package-`));
  const removePackages = () =>
    Promise.all(Object.values(packageDirs).map((dir) => rm(dir, { recursive: true, force: true })));
  try {
    const [cloud] = await Promise.all([
      startLocalCloud({
        servicesDir,
        ports,
        ...(faults === undefined ? {} : { faults }),
        ...(onLog === undefined ? {} : { onLog }),
        ...(offlineStartupTimeoutMs === undefined ? {} : { offlineStartupTimeoutMs }),
      }),
      ...packaged.map((name) =>
        packageService(join(servicesDir, name), 'test', packageDirs[name] ?? '', EXAMPLE_DEPLOY_PARAMS),
      ),
    ]);
    return {
      ...cloud,
      packageDirs,
      ports,
      stop: async () => {
        await cloud.stop();
        await removePackages();
      },
    };
  } catch (error) {
    await removePackages();
    throw error;
  }
};
