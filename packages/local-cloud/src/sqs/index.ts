import type { AddressInfo } from 'node:net';
import { createSqsServer } from 'local-aws-sqs';
import { LOCAL_ACCOUNT_ID } from '../local-aws.js';

export interface LocalSqsOptions {
  /** Default 127.0.0.1; queue URLs use it too. */
  readonly host?: string;
  /** Default 9324; 0 picks a free port. */
  readonly port?: number;
}

export interface RunningLocalSqs {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts local-aws-sqs (pure JS SQS). Mind its quirks when polling: a long poll always waits the
 * full WaitTimeSeconds, and a message whose visibility expires during the wait can come back twice
 * in one response.
 *
 * @example const sqs = await startLocalSqs({ port: 0 }); // sqs.url is the SDK endpoint
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<RunningLocalSqs> {
  const host = options.host ?? '127.0.0.1';
  const server = await createSqsServer({
    port: options.port ?? 9324,
    hostname: host,
    // The same account as the rest of the local cloud, so queue ARNs match those in rule targets.
    accountId: LOCAL_ACCOUNT_ID,
    // Tests delete and recreate queues by name; AWS's 60 s wait would only slow them down.
    emulateQueueCreationLifecycle: false,
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
