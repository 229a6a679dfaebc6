import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local.js';
import { freePort } from '../process/free-port.js';

export interface RestartableDynamoDbLocal {
  /** The same endpoint (port) across restarts. */
  endpoint: string;
  /** Stops DynamoDB Local, as an outage would: connections are refused until `start`. */
  stop: () => Promise<void>;
  /** Starts it again on the same port with the same data. */
  start: () => Promise<void>;
  /** Stops it for good and removes its data. */
  dispose: () => Promise<void>;
}

/**
 * For fault tests: a private DynamoDB Local on a free port, keeping its data in a temp folder so
 * it survives `stop()` and `start()` on the same port (a dependency outage and its recovery).
 *
 * @example
 * const ddb = await startRestartableDynamoDbLocal();
 * await ddb.stop(); // requests now fail to connect
 * await ddb.start(); // and work again, same data
 */
export const startRestartableDynamoDbLocal = async (): Promise<RestartableDynamoDbLocal> => {
  const dbPath = await mkdtemp(join(tmpdir(), 'dynamodb-outage-'));
  const port = await freePort();
  let running: Awaited<ReturnType<typeof startDynamoDbLocal>> | undefined = await startDynamoDbLocal({
    port,
    dbPath,
  });
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  return {
    endpoint: running.endpoint,
    stop,
    start: async () => {
      if (running === undefined) running = await startDynamoDbLocal({ port, dbPath });
    },
    dispose: async () => {
      await stop();
      await rm(dbPath, { recursive: true, force: true });
    },
  };
};
