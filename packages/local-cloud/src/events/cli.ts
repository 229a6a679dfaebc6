/**
 * `pnpm events`: follows the running local cloud live, one line per happening with its correlation
 * id: every event put on a bus, the rules it matched, each delivery to a target (attempts,
 * failures, DLQ), each message a function consumed (or failed), and the depth of every queue.
 * Ports: EVENTBRIDGE_PORT and SQS_PORT, as for `pnpm dev`. Ctrl-C (or SIGTERM) stops it.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_HOST, portsFromEnv } from '../dev/ports.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { followTrace } from './follow-trace.js';
import { formatDepth, formatEntry, type LineStyle } from './format-line.js';
import { watchQueueDepths } from './queue-depths.js';

const DEPTH_POLL_MS = 1000;
// Lambda runs Node 22; the SDK's notice about local Node 20 would only push the first lines away.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ports = portsFromEnv([]);
const eventBridgeUrl = `http://${LOCAL_HOST}:${ports.eventbridge}`;
const sqsUrl = `http://${LOCAL_HOST}:${ports.sqs}`;
const style: LineStyle = { colour: process.stdout.isTTY === true && process.env.NO_COLOR === undefined };
const print = (text: string) => process.stdout.write(`${text}\n`);
const note = (text: string) => print(`${new Date().toISOString().slice(11, 23)}  ── ${text}`);

const sqs = new SQSClient({
  endpoint: sqsUrl,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  // A poll that fails is polled again a second later; SDK retries would only stall the line.
  maxAttempts: 1,
});
const depths = watchQueueDepths({
  sqs,
  intervalMs: DEPTH_POLL_MS,
  onDepth: (depth) => print(formatDepth(new Date().toISOString(), depth, style)),
});
const stopping = new AbortController();

const stop = (signal: string) => {
  if (stopping.signal.aborted) return;
  stopping.abort();
  depths.stop();
  sqs.destroy();
  note(`${signal}: stopped`);
  process.exit(0);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// `pnpm events | head` closes the pipe: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', () => stop('output closed'));

note(`watching the local cloud (EventBridge ${eventBridgeUrl}, SQS ${sqsUrl}); Ctrl-C stops`);
await followTrace({
  eventBridgeUrl,
  signal: stopping.signal,
  onEntry: (entry) => print(formatEntry(entry, depths.queues, style)),
  onState: (state, detail) => {
    if (state === 'following') note('following events');
    else if (state === 'ended') note('the local cloud stopped; waiting for it to come back');
    else note(`waiting for the local cloud (${detail ?? 'not reachable'}); start it with pnpm dev`);
  },
});
