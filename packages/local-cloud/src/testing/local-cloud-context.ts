import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import type { LocalCloudContext } from './global-setup.js';

const required = (value: string | undefined, what: string): string => {
  if (value === undefined || value === '') {
    throw new Error(`The local cloud of this test project has no ${what}: start it in test/global-setup.ts`);
  }
  return value;
};

/**
 * The local cloud this test project's global setup started (`localCloudGlobalSetup`), with
 * lookups that fail loudly when a test asks for a service the project did not start.
 *
 * @example
 * const api = localCloud().apiUrl('basket');
 * const tableName = localCloud().env('product', 'PRODUCT_TABLE_NAME');
 */
export const localCloud = () => {
  const context: LocalCloudContext = inject('localCloud');
  return {
    ...context,
    /** Base URL of a started service's HTTP API. */
    apiUrl: (service: string) => required(context.services[service], `service ${service}`),
    /** A variable of a started service's function environment, e.g. its table name. */
    env: (service: string, variable: string) =>
      required(context.environments[service]?.[variable], `${variable} for ${service}`),
    /** Where `serverless package --stage test` wrote a packaged service. */
    packageDir: (service: string) => required(context.packageDirs[service], `package of ${service}`),
    /**
     * What an SDK client needs to reach one of the local cloud's AWS endpoints (or `endpoint`, e.g.
     * a fault proxy in front of it): `createDocumentClient(localCloud().aws('dynamodb'))`.
     */
    aws: (service: keyof LocalCloudContext['endpoints'], endpoint = context.endpoints[service]) => ({
      endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    }),
  };
};
