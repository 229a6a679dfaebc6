import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { serverlessCli, serverlessCliEnvironment } from './service-config.js';

const run = promisify(execFile);

/** The CloudFormation a deploy would submit, as `serverless package` writes it. */
export interface PackagedService {
  outputDir: string;
  template: {
    Resources: Record<
      string,
      { Type: string; Properties?: Record<string, unknown> } & Record<string, unknown>
    >;
    Outputs?: Record<string, unknown>;
  };
}

/**
 * Runs `serverless package` for a stage with fake credentials and no network (osls needs neither
 * to package), writing the artifacts to `outputDir`, and returns the CloudFormation template.
 *
 * `params` are what compose would pass (e.g. the Cognito issuer for basket and ordering).
 *
 * @example
 * const { template } = await packageService('services/product', 'test', '/tmp/product-package');
 */
export const packageService = async (
  serviceDir: string,
  stage: string,
  outputDir: string,
  params: Record<string, string> = {},
): Promise<PackagedService> => {
  // A build folder of its own, so packaging never rewrites files a running serverless-offline serves.
  const workFolder = join('.esbuild', `package-${basename(outputDir)}`);
  try {
    await run(
      process.execPath,
      [
        serverlessCli(serviceDir),
        'package',
        '--stage',
        stage,
        '--package',
        outputDir,
        ...Object.entries(params).map(([key, value]) => `--param=${key}=${value}`),
      ],
      {
        cwd: serviceDir,
        env: { ...serverlessCliEnvironment(), ESBUILD_WORK_FOLDER: workFolder },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`serverless package failed in ${serviceDir}:\n${stdout}\n${stderr}`);
  } finally {
    await rm(join(serviceDir, workFolder), { recursive: true, force: true });
  }
  const template = JSON.parse(
    await readFile(join(outputDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  );
  return { outputDir, template };
};
