import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localAwsEnvironment } from '../local-aws.js';

const run = promisify(execFile);

/** A CloudFormation resource as it appears in a resolved `serverless.ts`. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

/** The parts of a resolved service configuration the local cloud reads. */
export interface ServiceConfig {
  service: string;
  provider: { stage: string; region: string; environment?: Record<string, unknown> };
  functions?: Record<string, { handler: string; events?: unknown[]; environment?: Record<string, unknown> }>;
  resources?: { Resources?: Record<string, CfnResource>; Outputs?: Record<string, unknown> };
  custom?: Record<string, unknown>;
}

/** Environment for running the Serverless CLI offline: fake credentials, no telemetry or banners. */
export const serverlessCliEnvironment = (): NodeJS.ProcessEnv => ({
  ...process.env,
  ...localAwsEnvironment({}),
  SLS_TELEMETRY_DISABLED: '1',
  SLS_NOTIFICATIONS_MODE: 'off',
});

/** Path of the Serverless CLI (osls) a service depends on. */
export const serverlessCli = (serviceDir: string): string =>
  join(serviceDir, 'node_modules', 'serverless', 'bin', 'serverless.js');

/**
 * Resolves a service's `serverless.ts` for a stage with the service's own CLI (`serverless print`),
 * so the local cloud creates exactly the resources a deploy would, with every variable resolved.
 *
 * @example
 * const config = await loadServiceConfig('services/product', 'local');
 */
export const loadServiceConfig = async (
  serviceDir: string,
  stage: string,
  cli = serverlessCli(serviceDir),
): Promise<ServiceConfig> => {
  try {
    const { stdout } = await run(process.execPath, [cli, 'print', '--stage', stage, '--format', 'json'], {
      cwd: serviceDir,
      env: serverlessCliEnvironment(),
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as ServiceConfig;
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`Could not resolve ${join(serviceDir, 'serverless.ts')} for stage ${stage}:\n${detail}`);
  }
};

/** The resources of one CloudFormation type, by logical id. */
export const resourcesOfType = (config: ServiceConfig, type: string): [string, CfnResource][] =>
  Object.entries(config.resources?.Resources ?? {}).filter(([, resource]) => resource.Type === type);
