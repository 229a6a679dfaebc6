import { styleText } from 'node:util';
import { parseSqsQueueArn } from '../eventbridge/arns.js';
import type { TraceEntry } from '../trace/journal.js';
import type { QueueDepth, QueueInfo } from './queue-depths.js';

/** Correlation ids are UUIDs unless a client sent its own: pad to one, so columns line up. */
const CORRELATION_WIDTH = 36;
const KIND_WIDTH = 11;

type Colour = Parameters<typeof styleText>[0];

export interface LineStyle {
  colour: boolean;
}

const clock = (iso: string) => iso.slice(11, 23);

/** `HH:MM:SS.mmm  <correlation id>  <kind>  <what happened>`: one fixed layout for every line. */
const line = (
  style: LineStyle,
  at: string,
  correlationId: string | undefined,
  kind: string,
  colour: Colour,
  text: string,
) => {
  const label = kind.padEnd(KIND_WIDTH);
  return [
    clock(at),
    (correlationId ?? '-').padEnd(CORRELATION_WIDTH),
    style.colour ? styleText(colour, label) : label,
    text,
  ].join('  ');
};

const queueName = (arn: string | undefined) =>
  arn === undefined ? '?' : (parseSqsQueueArn(arn)?.queueName ?? arn);

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** What becomes of a message a function failed: another receive, or the DLQ. */
const nextForFailed = (receiveCount: number, queue: QueueInfo | undefined) => {
  const max = queue?.maxReceiveCount;
  if (max === undefined) return 'retried after the visibility timeout';
  return receiveCount >= max
    ? `moves to DLQ ${queue?.deadLetterQueue ?? '?'} when its visibility timeout ends`
    : `retried after the visibility timeout (receive ${receiveCount} of ${max})`;
};

/**
 * One terminal line for a trace entry. `queues` (from the depth watcher) adds what the trace
 * cannot know: each queue's maxReceiveCount and DLQ.
 */
export const formatEntry = (
  entry: TraceEntry,
  queues: ReadonlyMap<string, QueueInfo>,
  style: LineStyle,
): string => {
  const at = (kind: string, colour: Colour, text: string) =>
    line(style, entry.at, entry.correlationId, kind, colour, text);
  switch (entry.kind) {
    case 'put':
      return at(
        'put',
        'cyan',
        `${entry.detailType} from ${entry.source} on bus ${entry.bus}: ${plural(entry.matchedRules, 'rule')} matched (event ${entry.eventId ?? '?'})`,
      );
    case 'matched':
      return at('matched', 'blue', `rule ${entry.rule} → ${plural(entry.targets, 'target')}`);
    case 'delivered':
      return at(
        'delivered',
        'green',
        `to queue ${queueName(entry.targetArn)} by rule ${entry.rule} (attempt ${entry.attempt}, message ${entry.messageId ?? '?'})`,
      );
    case 'retrying':
      return at(
        'retrying',
        'yellow',
        `to queue ${queueName(entry.targetArn)} by rule ${entry.rule}: attempt ${entry.attempt} failed (${entry.error}); next in ${entry.retryInMs} ms`,
      );
    case 'undelivered': {
      const fate = entry.deadLettered
        ? `sent to DLQ ${queueName(entry.deadLetterArn)}`
        : entry.deadLetterArn === undefined
          ? 'no DLQ: the event is dropped'
          : `could not reach DLQ ${queueName(entry.deadLetterArn)}: the event is lost`;
      return at(
        'undelivered',
        'red',
        `to queue ${queueName(entry.targetArn)} by rule ${entry.rule} after ${plural(entry.attempts, 'attempt')} (${entry.error}); ${fate}`,
      );
    }
    case 'consumed': {
      const where = `by ${entry.functionName} from ${entry.queue} (receive ${entry.receiveCount}, message ${entry.messageId})`;
      return entry.succeeded
        ? at('consumed', 'green', where)
        : at(
            'failed',
            'red',
            `${where}: ${entry.error ?? 'failed'}; ${nextForFailed(entry.receiveCount, queues.get(entry.queue))}`,
          );
    }
  }
};

/** A queue's depth line: messages waiting for a receive, and received but not yet deleted. */
export const formatDepth = (at: string, depth: QueueDepth, style: LineStyle): string =>
  line(
    style,
    at,
    undefined,
    'depth',
    'gray',
    `${depth.isDeadLetterQueue ? 'DLQ ' : ''}${depth.queue}: ${depth.waiting} waiting, ${depth.inFlight} in flight`,
  );
