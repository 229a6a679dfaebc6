import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { startProcess, waitUntilReady } from '../process/child-process.js';
import { compiledLauncher } from './compiled-launcher.js';

export interface DynamoDbLocalOptions {
  host?: string;
  /** Default 8000. */
  port?: number;
  /** Keep data in this folder between runs; default is in memory (fresh every start). */
  dbPath?: string;
  onLine?: (line: string) => void;
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

/** The DynamoDB Local jar as shipped inside the npm package `amplify-dynamodb-simulator`. */
const emulatorDir = (): string =>
  join(
    dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
    'emulator',
  );

const launcher = join(dirname(fileURLToPath(import.meta.url)), 'DynamoDbLocalOnLoopback.java');

/**
 * A small JVM for a development database: the serial collector on a heap that starts at 8 MiB,
 * grows to 256 MiB at most and is given back when mostly free, small thread stacks, and only the
 * C1 compiler. Measured under 3,000 conditional writes and reads at concurrency 32 (pnpm bench,
 * footprint section): ~95 MiB RSS at rest instead of ~180, ~120 MiB under load instead of ~290,
 * and half the CPU, because C2's compilations cost more than they win in a short-lived emulator.
 * The table data lives in SQLite's native memory, outside this heap.
 */
const JVM_OPTIONS = [
  '-XX:+UseSerialGC',
  '-Xms8m',
  '-Xmx256m',
  '-XX:MinHeapFreeRatio=5',
  '-XX:MaxHeapFreeRatio=20',
  '-Xss256k',
  '-XX:TieredStopAtLevel=1',
];

const assertJava = (): void => {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Error(
      'Java was not found on PATH. DynamoDB Local needs Java 17 or newer (JDK): install it, e.g. `apt-get install openjdk-17-jdk-headless`.',
    );
  }
};

/**
 * Starts AWS's DynamoDB Local on the host (127.0.0.1 by default), with telemetry off and one
 * shared database for every credential and region. Resolves once it answers ListTables.
 *
 * @example
 * const ddb = await startDynamoDbLocal({ port: 0 === port ? await freePort() : port });
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = ddb.endpoint;
 */
export const startDynamoDbLocal = async ({
  host = '127.0.0.1',
  port = 8000,
  dbPath,
  onLine,
}: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> => {
  assertJava();
  const dir = emulatorDir();
  if (dbPath !== undefined) mkdirSync(dbPath, { recursive: true });
  const storage = dbPath === undefined ? ['-inMemory'] : ['-dbPath', dbPath];
  const classPath = `${join(dir, 'DynamoDBLocal.jar')}:${join(dir, 'DynamoDBLocal_lib', '*')}`;
  const compiled = compiledLauncher(launcher, classPath);
  const managed = startProcess(
    'java',
    [
      ...JVM_OPTIONS,
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-cp',
      compiled === undefined ? classPath : `${compiled}:${classPath}`,
      compiled === undefined ? launcher : 'DynamoDbLocalOnLoopback',
      host,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    // Without DDB_LOCAL_TELEMETRY=0 it tries to reach AWS at startup.
    { cwd: dir, env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' }, onLine },
  );

  const endpoint = `http://${host}:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  try {
    await waitUntilReady('DynamoDB Local', managed, async () => {
      await client.send(new ListTablesCommand({}));
      return true;
    });
  } finally {
    client.destroy();
  }
  return { endpoint, stop: () => managed.stop() };
};
