import type { Logger } from '../../logger.js';
import { correlationIdOf, type TraceJournal } from '../../trace/journal.js';
import type { EventEnvelope, Rule, Target } from '../model.js';
import { PermanentDeliveryError, type SqsSender } from './sqs-sender.js';
import { buildTargetInput } from './target-input.js';

/** Local defaults: AWS retries for 24 h (185 attempts); locally a failure should surface in seconds. */
export const LOCAL_RETRY_DEFAULTS = { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 60 } as const;
const FIRST_BACKOFF_MS = 50;
const MAX_BACKOFF_MS = 1000;

export interface TargetDispatcher {
  /** Starts delivery of an event to every target of a rule and returns at once. */
  dispatch(rule: Rule, event: EventEnvelope): void;
  /** Resolves once every delivery started so far (retries and DLQ included) has settled. */
  idle(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createTargetDispatcher(
  sender: SqsSender,
  logger: Logger,
  trace: TraceJournal,
): TargetDispatcher {
  const inFlight = new Set<Promise<void>>();

  const track = (delivery: Promise<void>) => {
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  };

  async function deliver(
    rule: Rule,
    target: Target,
    event: EventEnvelope,
    ingestedAt: number,
  ): Promise<void> {
    const maxRetries = target.RetryPolicy?.MaximumRetryAttempts ?? LOCAL_RETRY_DEFAULTS.maximumRetryAttempts;
    const maxAgeMs =
      (target.RetryPolicy?.MaximumEventAgeInSeconds ?? LOCAL_RETRY_DEFAULTS.maximumEventAgeInSeconds) * 1000;
    const isFifo = target.Arn.endsWith('.fifo');
    const message = {
      body: buildTargetInput(target, rule, event, new Date(ingestedAt).toISOString()),
      messageGroupId: isFifo ? target.SqsParameters?.MessageGroupId : undefined,
      // EventBridge deduplicates FIFO deliveries by event id.
      deduplicationId: isFifo ? event.id : undefined,
    };
    const traced = {
      eventId: event.id,
      correlationId: correlationIdOf(event),
      rule: rule.name,
      targetArn: target.Arn,
    };
    let lastError: unknown;
    let attempts = 0;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      attempts = attempt + 1;
      try {
        const messageId = await sender.send(target.Arn, message);
        trace.publish({ kind: 'delivered', ...traced, attempt: attempts, messageId });
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof PermanentDeliveryError) break;
        const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** attempt);
        if (attempt === maxRetries || Date.now() + backoff - ingestedAt > maxAgeMs) break;
        trace.publish({
          kind: 'retrying',
          ...traced,
          attempt: attempts,
          error: reasonOf(error),
          retryInMs: backoff,
        });
        await sleep(backoff);
      }
    }
    const deadLetterArn = target.DeadLetterConfig?.Arn;
    const deadLettered = await handleFailure(rule, target, event, lastError);
    trace.publish({
      kind: 'undelivered',
      ...traced,
      attempts,
      error: reasonOf(lastError),
      deadLetterArn,
      deadLettered,
    });
  }

  /** Sends the event to the target's DLQ, if it has one; resolves with whether it got there. */
  async function handleFailure(
    rule: Rule,
    target: Target,
    event: EventEnvelope,
    error: unknown,
  ): Promise<boolean> {
    const reason = reasonOf(error);
    logger.warn(`delivery of event ${event.id} from rule ${rule.arn} to ${target.Arn} failed: ${reason}`);
    const deadLetterArn = target.DeadLetterConfig?.Arn;
    if (!deadLetterArn) return false;
    try {
      // Like EventBridge, the dead-letter message is the original event plus attributes saying why.
      await sender.send(deadLetterArn, {
        body: JSON.stringify(event),
        attributes: {
          RULE_ARN: rule.arn,
          TARGET_ARN: target.Arn,
          ERROR_CODE: error instanceof PermanentDeliveryError ? 'ResourceNotFoundException' : 'SQSError',
          ERROR_MESSAGE: reason,
        },
      });
      return true;
    } catch (dlqError) {
      logger.error(
        `event ${event.id} could not be sent to dead-letter queue ${deadLetterArn}: ${String(dlqError)}`,
      );
      return false;
    }
  }

  return {
    dispatch(rule, event) {
      const ingestedAt = Date.now();
      for (const target of rule.targets.values()) track(deliver(rule, target, event, ingestedAt));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
