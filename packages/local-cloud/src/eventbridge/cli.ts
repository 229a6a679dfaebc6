import { startEventBridge } from './server.js';

/** Runs the emulator on its own: EVENTBRIDGE_PORT, EVENTBRIDGE_HOST and SQS_ENDPOINT configure it. */
const port = Number(process.env.EVENTBRIDGE_PORT ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  throw new Error(`EVENTBRIDGE_PORT must be a port number, got ${process.env.EVENTBRIDGE_PORT}`);
}

const eventBridge = await startEventBridge({
  port,
  host: process.env.EVENTBRIDGE_HOST ?? '127.0.0.1',
  sqsEndpoint: process.env.SQS_ENDPOINT ?? 'http://127.0.0.1:9324',
});
console.log(`EventBridge emulator listening on ${eventBridge.url}`);

const shutdown = (signal: string) => {
  console.log(`${signal} received, stopping EventBridge emulator`);
  eventBridge.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => shutdown('SIGINT'));
process.once('SIGTERM', () => shutdown('SIGTERM'));
