import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ManagedProcess, startProcess, waitUntilReady } from '../process/child-process.js';
import { type ServiceConfig, serverlessCli, serverlessCliEnvironment } from '../templates/service-config.js';

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
  /**
   * Instances (worker threads) of one function at a time; more invocations wait in line for a
   * free one, as with reserved concurrency (where Lambda throttles instead). Default 2.
   */
  concurrencyPerFunction?: number;
  /** Seconds an instance may sit idle before it is stopped (checked that often). Default 15. */
  idleInstanceSeconds?: number;
  /** Node options for the serverless-offline process, which its function worker threads inherit. */
  nodeArgs?: readonly string[];
}

export interface RunningServiceOffline {
  url: string;
  /** The serverless-offline process (for signals and memory readings). */
  pid: number | undefined;
  lambdaEndpoint: string;
  recentOutput: () => string;
  stop: () => Promise<void>;
}

/** A `serverless offline start` on its way up. */
export interface LaunchedServiceOffline {
  /**
   * The service's configuration as this process resolved it (what `serverless print --format json`
   * prints), available before the functions are built, so resources can be created meanwhile.
   */
  resolvedConfig: Promise<ServiceConfig>;
  /** Resolves once the HTTP port answers. */
  ready: Promise<RunningServiceOffline>;
  stop: () => Promise<void>;
}

/**
 * How the serverless-offline process runs, and so every function instance (a worker thread in
 * it): a young generation of 1 MiB semi-spaces instead of V8's up to 16 MiB, for each isolate, and
 * at most two glibc malloc arenas (each worker thread otherwise gets its own, kept after it ends).
 * Measured with `pnpm bench` (footprint) for the three services: ~120 MiB less at rest and ~200 MiB
 * less under load, for a few more minor collections. The functions' own environment is not this
 * one: serverless-offline passes them only its AWS_* variables.
 */
const offlineProcessEnvironment = (): Record<string, string> => ({
  NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-semi-space-size=1'].filter(Boolean).join(' '),
  MALLOC_ARENA_MAX: '2',
});

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

const readResolvedConfig = async (
  name: string,
  managed: ManagedProcess,
  file: string,
  timeoutMs: number,
): Promise<ServiceConfig> => {
  let config: ServiceConfig | undefined;
  await waitUntilReady(
    `serverless-offline's configuration (${name})`,
    managed,
    async () => {
      config = JSON.parse(await readFile(file, 'utf8')) as ServiceConfig;
      return true;
    },
    timeoutMs,
  );
  return config as ServiceConfig;
};

/**
 * Runs `serverless offline start` for one service (bundled by serverless-esbuild, as deployed).
 * AWS_* variables in `env` reach the functions, which is how they find the local emulators. The
 * process writes its resolved configuration first (`--writeResolvedConfig`, from our patch), then
 * builds the functions and serves them.
 *
 * @example
 * const product = launchServiceOffline({ serviceDir: 'services/product', httpPort: 3001, lambdaPort: 3011 });
 * await createTables(await product.resolvedConfig, dynamodbEndpoint);
 * const running = await product.ready;
 */
export const launchServiceOffline = ({
  serviceDir,
  cli = serverlessCli(serviceDir),
  stage = 'local',
  host = '127.0.0.1',
  httpPort,
  lambdaPort,
  env = {},
  onLine,
  startupTimeoutMs = 60_000,
  concurrencyPerFunction = 2,
  idleInstanceSeconds = 15,
  nodeArgs = [],
}: ServiceOfflineOptions): LaunchedServiceOffline => {
  const workFolder = join('.esbuild', `offline-${httpPort}`);
  const configDir = mkdtemp(join(tmpdir(), 'offline-config-'));
  let managed: ManagedProcess | undefined;
  const stop = async () => {
    await managed?.stop();
    await rm(join(serviceDir, workFolder), { recursive: true, force: true });
    await rm(await configDir, { recursive: true, force: true });
  };
  const launched = configDir.then((dir) => {
    const configFile = join(dir, 'resolved.json');
    const child = startProcess(
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
        '--terminateIdleLambdaTime',
        String(idleInstanceSeconds),
        // These two options come from patches/serverless-offline@14.8.2.patch.
        '--maxConcurrencyPerFunction',
        String(concurrencyPerFunction),
        '--writeResolvedConfig',
        configFile,
      ],
      {
        cwd: serviceDir,
        // A build folder of its own: a test run may serve the same service while `pnpm dev` does.
        env: {
          ...serverlessCliEnvironment(),
          ...offlineProcessEnvironment(),
          ESBUILD_WORK_FOLDER: workFolder,
          ...env,
        },
        onLine,
      },
    );
    managed = child;
    return { child, configFile };
  });
  const url = `http://${host}:${httpPort}`;
  const resolvedConfig = launched.then(({ child, configFile }) =>
    readResolvedConfig(serviceDir, child, configFile, startupTimeoutMs),
  );
  const ready = launched.then(async ({ child }) => {
    await waitUntilReady(`serverless-offline (${serviceDir})`, child, () => answers(url), startupTimeoutMs);
    return {
      url,
      pid: child.child.pid,
      lambdaEndpoint: `http://${host}:${lambdaPort}`,
      recentOutput: child.recentOutput,
      stop,
    };
  });
  // Whoever awaits only one of them must not leave the other's failure unhandled.
  resolvedConfig.catch(() => undefined);
  ready.catch(() => undefined);
  return { resolvedConfig, ready, stop };
};

/**
 * {@link launchServiceOffline}, resolving once the HTTP port answers.
 *
 * @example
 * const product = await startServiceOffline({ serviceDir: 'services/product', httpPort: 3001, lambdaPort: 3011 });
 */
export const startServiceOffline = async (options: ServiceOfflineOptions): Promise<RunningServiceOffline> => {
  const launched = launchServiceOffline(options);
  try {
    return await launched.ready;
  } catch (error) {
    await launched.stop();
    throw error;
  }
};
