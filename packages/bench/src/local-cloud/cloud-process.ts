/**
 * Child process that runs the local cloud on free ports for the benchmark: the same system
 * `pnpm dev` runs. It lives in its own process because the SQS and EventBridge emulators and the
 * queue poller run in the process that starts them: sharing an event loop with the load generator
 * would make each slow the other down and the figures would describe neither.
 *
 * Prints one line `READY <json>` with the URLs, then runs until stdin closes or a signal arrives.
 */
import { fileURLToPath } from 'node:url';
import { discoverServices } from '@eshop/local-cloud';
import { startLocalCloudUnderTest } from '@eshop/local-cloud/testing';

const servicesDir = fileURLToPath(new URL('../../../../services', import.meta.url));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const cloud = await startLocalCloudUnderTest(servicesDir, discoverServices(servicesDir));
process.stdout.write(`READY ${JSON.stringify(cloud)}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cloud.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
