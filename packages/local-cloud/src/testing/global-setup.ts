import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import type { LocalCloudPorts } from '../dev/ports.js';
import { startLocalCloudUnderTest } from './local-cloud-under-test.js';

/** What a test of a project started with `localCloudGlobalSetup` can `inject('localCloud')`. */
export interface LocalCloudContext {
  /** Base URL of each started service's HTTP API, by service folder name. */
  services: Record<string, string>;
  endpoints: { dynamodb: string; sqs: string; eventbridge: string };
  /** The development token issuer the services trust. */
  issuer: string;
  /** Each started service's function environment (table names, bus name, ...). */
  environments: Record<string, Record<string, string>>;
  /** Where `serverless package --stage test` wrote each packaged service. */
  packageDirs: Record<string, string>;
  ports: LocalCloudPorts;
  /** With `faults: true`: the seed and each fault proxy's control API (`<url>/__faults`). */
  faults?: { seed: number; controls: Record<'dynamodb' | 'eventbridge' | 'sqs', string> };
}

declare module 'vitest' {
  export interface ProvidedContext {
    localCloud: LocalCloudContext;
  }
}

const servicesDir = fileURLToPath(new URL('../../../../services', import.meta.url));

/**
 * A vitest global setup (imported from `@eshop/local-cloud/global-setup`: global setups run outside
 * the test workers, where the `vitest` runtime that `@eshop/local-cloud/testing` uses is missing) that starts the local cloud `pnpm dev` runs, on free ports, with the given
 * services (and packages some of them for template tests), provides its addresses to the tests as
 * `inject('localCloud')`, and stops it afterwards. Each project starts its own.
 *
 * @example
 * // services/basket/test/global-setup.ts
 * export default localCloudGlobalSetup({ services: ['product', 'basket'], packaged: ['basket'] });
 */
export const localCloudGlobalSetup =
  ({
    services,
    packaged = [],
    faults = false,
  }: {
    services: string[];
    packaged?: string[];
    /** Fault proxies in front of the emulators, passing everything through until a test enables them. */
    faults?: boolean;
  }) =>
  async (project: TestProject) => {
    // Lambda runs Node 22; don't print the SDK's Node 20 notice in every test run.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const cloud = await startLocalCloudUnderTest(
      servicesDir,
      services,
      packaged,
      faults ? { faults: {} } : {},
    );
    project.provide('localCloud', {
      services: cloud.services,
      endpoints: cloud.endpoints,
      issuer: cloud.issuer,
      environments: cloud.environments,
      packageDirs: cloud.packageDirs,
      ports: cloud.ports,
      ...(cloud.faults === undefined
        ? {}
        : { faults: { seed: cloud.faults.seed, controls: cloud.faults.controls } }),
    });
    return () => cloud.stop();
  };
