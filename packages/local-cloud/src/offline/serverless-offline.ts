import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { startProcess, waitUntilReady } from '../process/child-process.js';
import { serverlessCli, serverlessCliEnvironment } from '../templates/service-config.js';

export interface ServiceOfflineOptions {
  serviceDir: string;
  /** The Serverless CLI to run; by default the one the service depends on. */
  cli?: string;
  stage?: string;
  host?: string;
  httpPort: number;
  /** Port of serverless-offline's Lambda Invoke API (used by the local event source mapping). */
  lambdaPort: number;
  /** Extra environment for the functions, e.g. the local AWS endpoints. */
  env?: Record<string, string>;
  onLine?: (line: string) => void;
  startupTimeoutMs?: number;
  /** Node options for the serverless-offline process, which its function worker threads inherit. */
  nodeArgs?: readonly string[];
}

export interface RunningServiceOffline {
  url: string;
  lambdaEndpoint: string;
  recentOutput: () => string;
  stop: () => Promise<void>;
}

const answers = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });

/**
 * Runs `serverless offline start` for one service (bundled by serverless-esbuild, as deployed),
 * resolving when its HTTP port answers. AWS_* variables in `env` reach the functions, which is
 * how they find the local emulators.
 *
 * @example
 * const product = await startServiceOffline({ serviceDir: 'services/product', httpPort: 3001, lambdaPort: 3011 });
 */
export const startServiceOffline = async ({
  serviceDir,
  cli = serverlessCli(serviceDir),
  stage = 'local',
  host = '127.0.0.1',
  httpPort,
  lambdaPort,
  env = {},
  onLine,
  startupTimeoutMs = 60_000,
  nodeArgs = [],
}: ServiceOfflineOptions): Promise<RunningServiceOffline> => {
  const workFolder = join('.esbuild', `offline-${httpPort}`);
  const managed = startProcess(
    process.execPath,
    [
      ...nodeArgs,
      cli,
      'offline',
      'start',
      '--stage',
      stage,
      '--host',
      host,
      '--httpPort',
      String(httpPort),
      '--lambdaPort',
      String(lambdaPort),
    ],
    {
      cwd: serviceDir,
      // A build folder of its own: a test run may serve the same service while `pnpm dev` does.
      env: { ...serverlessCliEnvironment(), ESBUILD_WORK_FOLDER: workFolder, ...env },
      onLine,
    },
  );
  const url = `http://${host}:${httpPort}`;
  await waitUntilReady(`serverless-offline (${serviceDir})`, managed, () => answers(url), startupTimeoutMs);
  return {
    url,
    lambdaEndpoint: `http://${host}:${lambdaPort}`,
    recentOutput: managed.recentOutput,
    stop: async () => {
      await managed.stop();
      await rm(join(serviceDir, workFolder), { recursive: true, force: true });
    },
  };
};
