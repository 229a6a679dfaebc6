/**
 * `pnpm dlq list [--stage <stage>]`: every dead-letter queue the services declare, with each
 * message and why it is there; nothing is deleted.
 * `pnpm dlq redrive [--stage <stage>]`: moves those messages back to their source queue.
 *
 * The stage defaults to `local` (the running `pnpm dev`, at SQS_PORT); any other stage is the
 * deployed one, reached with the AWS credentials and region of the environment (or --region).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { discoverServices } from '../dev/local-cloud.js';
import { LOCAL_HOST, portsFromEnv } from '../dev/ports.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { loadServiceConfig } from '../templates/service-config.js';
import {
  approximateDepth,
  type LocatedDeadLetterQueue,
  listDeadLetters,
  locateDeadLetterQueues,
  redriveDeadLetterQueue,
} from './dead-letter-queues.js';
import { type DeadLetterMessage, reasonText } from './describe-message.js';
import { localQueueLocator, type QueueLocator, stackQueueLocator } from './locate-queues.js';

const USAGE = `usage: pnpm dlq list [--stage <stage>] [--service <name>]... [--region <region>] [--max <n>] [--bodies] [--json]
       pnpm dlq redrive [--stage <stage>] [--service <name>]... [--region <region>]
--service limits the work to those service folders (each costs a serverless print of a few seconds).`;

const servicesDir = fileURLToPath(new URL('../../../../services', import.meta.url));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const print = (line = '') => process.stdout.write(`${line}\n`);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    stage: { type: 'string', default: 'local' },
    service: { type: 'string', multiple: true },
    region: { type: 'string' },
    max: { type: 'string', default: '100' },
    bodies: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command] = positionals;
if (values.help) {
  print(USAGE);
  process.exit(0);
}
if ((command !== 'list' && command !== 'redrive') || positionals.length > 1) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const stage = values.stage;
const isLocal = stage === 'local';

interface Target {
  sqs: SQSClient;
  locate: QueueLocator;
  /** Long-poll wait for listing: SQS short polls sample servers and may miss messages. */
  waitSeconds: number;
  destroy(): void;
}

const targetFor = (): Target => {
  if (isLocal) {
    const endpoint = `http://${LOCAL_HOST}:${portsFromEnv([]).sqs}`;
    const sqs = new SQSClient({
      endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    return { sqs, locate: localQueueLocator(sqs), waitSeconds: 0, destroy: () => sqs.destroy() };
  }
  // The services deploy to us-east-1 unless told otherwise (the CLI's default region; serverless.ts sets none).
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const sqs = new SQSClient({ region });
  const cloudFormation = new CloudFormationClient({ region });
  return {
    sqs,
    locate: stackQueueLocator(cloudFormation, sqs, stage),
    waitSeconds: 1,
    destroy: () => {
      sqs.destroy();
      cloudFormation.destroy();
    },
  };
};

const describeSources = (dlq: LocatedDeadLetterQueue): string =>
  dlq.sources
    .map(({ source, queue }) =>
      source.kind === 'queue'
        ? `messages ${queue?.name ?? source.queueLogicalId} could not process after ${source.maxReceiveCount} receives`
        : `events rule ${source.ruleLogicalId} could not deliver${queue === undefined ? '' : ` to ${queue.name}`}`,
    )
    .join('; ');

const describeRedrive = (dlq: LocatedDeadLetterQueue): string =>
  'refused' in dlq.redrive
    ? `not possible: ${dlq.redrive.refused}`
    : `to ${dlq.redrive.to?.name ?? 'the queue each message came from'}`;

const maxReceiveCountIn = (dlq: LocatedDeadLetterQueue) => (queueArn: string) => {
  for (const { source, queue } of dlq.sources) {
    if (source.kind === 'queue' && queue?.arn === queueArn) return source.maxReceiveCount;
  }
  return undefined;
};

const printMessage = (dlq: LocatedDeadLetterQueue, message: DeadLetterMessage) => {
  const about = [
    message.detailType,
    message.correlationId === undefined ? undefined : `correlation ${message.correlationId}`,
    message.sentAt === undefined ? undefined : `sent ${message.sentAt}`,
  ].filter((part) => part !== undefined);
  print(`  - message ${message.messageId}${about.length > 0 ? `  ${about.join('  ')}` : ''}`);
  print(`    why: ${reasonText(message, maxReceiveCountIn(dlq))}`);
  if (values.bodies) print(`    body: ${message.body}`);
};

const header = (dlq: LocatedDeadLetterQueue, count: number) =>
  `${dlq.queue.name}  (${dlq.spec.service} ${dlq.spec.logicalId})  ${count} message${count === 1 ? '' : 's'}`;

const list = async (target: Target, dlqs: LocatedDeadLetterQueue[]) => {
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1)
    throw new Error(`--max must be a positive integer, got ${values.max}`);
  const listed = [];
  for (const dlq of dlqs) {
    const messages = await listDeadLetters(target.sqs, dlq, { waitSeconds: target.waitSeconds, max });
    listed.push({ dlq, messages });
  }
  if (values.json) {
    print(
      JSON.stringify(
        listed.map(({ dlq, messages }) => ({
          queue: dlq.queue,
          service: dlq.spec.service,
          logicalId: dlq.spec.logicalId,
          sources: dlq.sources,
          redrive: dlq.redrive,
          messages,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const { dlq, messages } of listed) {
    print(header(dlq, messages.length));
    print(`  holds: ${describeSources(dlq)}`);
    print(`  redrive: ${describeRedrive(dlq)}`);
    for (const message of messages) printMessage(dlq, message);
    print();
  }
  if (listed.length === 0) print('No service declares a dead-letter queue.');
  return 0;
};

const redrive = async (target: Target, dlqs: LocatedDeadLetterQueue[]) => {
  let exitCode = 0;
  for (const dlq of dlqs) {
    const depth = await approximateDepth(target.sqs, dlq.queue);
    if (depth === 0) {
      print(`${dlq.queue.name}: empty, nothing to redrive`);
      continue;
    }
    if ('refused' in dlq.redrive) {
      print(`${dlq.queue.name}: ${depth} message(s) left in place; redrive ${describeRedrive(dlq)}`);
      exitCode = 1;
      continue;
    }
    print(`${dlq.queue.name}: moving ~${depth} message(s) ${describeRedrive(dlq)} (SQS message-move task)`);
    let lastMoved = 0;
    const result = await redriveDeadLetterQueue(target.sqs, dlq, {
      onProgress: (task) => {
        const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
        if (moved === lastMoved) return;
        lastMoved = moved;
        print(`  ... ${moved} of ~${task.ApproximateNumberOfMessagesToMove ?? '?'} moved`);
      },
    });
    if (result.status === 'COMPLETED') {
      print(`${dlq.queue.name}: done, ${result.moved} moved`);
    } else {
      print(
        `${dlq.queue.name}: the move task ended ${result.status}${result.failureReason === undefined ? '' : ` (${result.failureReason})`} after ${result.moved} moved`,
      );
      exitCode = 1;
    }
  }
  return exitCode;
};

const main = async (): Promise<number> => {
  // Logical ids do not depend on the stage, and only the local stage resolves without the
  // deploy-time parameters compose passes; the stage's own names come from where it runs.
  const known = discoverServices(servicesDir);
  const unknown = (values.service ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`no service ${unknown.join(', ')} in ${servicesDir}`);
  const names = values.service ?? known;
  const configs = await Promise.all(names.map((name) => loadServiceConfig(join(servicesDir, name), 'local')));
  const target = targetFor();
  try {
    const dlqs = await locateDeadLetterQueues(configs, target.locate);
    return command === 'list' ? await list(target, dlqs) : await redrive(target, dlqs);
  } finally {
    target.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const unreachable = (error as { code?: string }).code === 'ECONNREFUSED';
    process.stderr.write(
      unreachable && isLocal
        ? `pnpm dlq: the local cloud's SQS is not reachable (SQS_PORT ${portsFromEnv([]).sqs}); is pnpm dev running?\n`
        : `pnpm dlq: ${(error as Error).message}\n`,
    );
    process.exit(1);
  },
);
