import type { Message } from '@aws-sdk/client-sqs';

/** Why a message is in a DLQ, as far as the message itself tells. */
export type DeadLetterReason =
  | {
      /** EventBridge could not deliver the event to a rule's target and wrote it here. */
      kind: 'eventbridge';
      errorCode?: string;
      errorMessage?: string;
      ruleArn?: string;
      targetArn?: string;
      retryAttempts?: string;
      exhaustedRetryCondition?: string;
    }
  | {
      /** SQS moved it here after its source queue's maxReceiveCount receives went unprocessed. */
      kind: 'redrive';
      sourceQueueArn: string;
    }
  | { kind: 'unknown' };

export interface DeadLetterMessage {
  messageId: string;
  sentAt?: string;
  /** Receives so far, the listing's own included. */
  receiveCount: number;
  reason: DeadLetterReason;
  /** When the body is an EventBridge event: its id, detail-type and correlation id. */
  eventId?: string;
  detailType?: string;
  correlationId?: string;
  body: string;
}

const attribute = (message: Message, name: string) => message.MessageAttributes?.[name]?.StringValue;

/**
 * What a dead-lettered message says about itself. EventBridge adds the message attributes
 * RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE (EventBridge User Guide, "Using dead-letter
 * queues to process undelivered events"); SQS redrive adds no reason, only the system attribute
 * DeadLetterQueueSourceArn, so the receive count and source queue are all there is.
 */
export const describeDeadLetter = (message: Message): DeadLetterMessage => {
  const errorCode = attribute(message, 'ERROR_CODE');
  const ruleArn = attribute(message, 'RULE_ARN');
  const sourceQueueArn = message.Attributes?.DeadLetterQueueSourceArn;
  const reason: DeadLetterReason =
    errorCode !== undefined || ruleArn !== undefined
      ? {
          kind: 'eventbridge',
          errorCode,
          errorMessage: attribute(message, 'ERROR_MESSAGE'),
          ruleArn,
          targetArn: attribute(message, 'TARGET_ARN'),
          retryAttempts: attribute(message, 'RETRY_ATTEMPTS'),
          exhaustedRetryCondition: attribute(message, 'EXHAUSTED_RETRY_CONDITION'),
        }
      : sourceQueueArn !== undefined
        ? { kind: 'redrive', sourceQueueArn }
        : { kind: 'unknown' };
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? '',
    ...(Number.isFinite(sent) && sent > 0 ? { sentAt: new Date(sent).toISOString() } : {}),
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    reason,
    ...envelopeFields(message.Body),
    body: message.Body ?? '',
  };
};

const envelopeFields = (body: string | undefined) => {
  try {
    const event = JSON.parse(body ?? '') as { id?: unknown; 'detail-type'?: unknown; detail?: unknown };
    const correlationId = (event.detail as { correlationId?: unknown } | undefined)?.correlationId;
    return {
      ...(typeof event.id === 'string' ? { eventId: event.id } : {}),
      ...(typeof event['detail-type'] === 'string' ? { detailType: event['detail-type'] } : {}),
      ...(typeof correlationId === 'string' ? { correlationId } : {}),
    };
  } catch {
    return {};
  }
};

const nameOfArn = (arn: string | undefined) => arn?.split(/[:/]/).pop() ?? '?';

/**
 * One line saying why the message is in the DLQ. `maxReceiveCountOf` gives a source queue's
 * maxReceiveCount (from the template): a message's own receive count says little once it is in
 * the DLQ, as every listing receives it again (and local SQS restarts the count there).
 */
export const reasonText = (
  message: DeadLetterMessage,
  maxReceiveCountOf: (queueArn: string) => number | undefined = () => undefined,
): string => {
  const { reason } = message;
  switch (reason.kind) {
    case 'eventbridge':
      return [
        `EventBridge could not deliver it: ${reason.errorCode ?? 'no error code'}`,
        reason.errorMessage === undefined ? '' : `: ${reason.errorMessage}`,
        ` (rule ${nameOfArn(reason.ruleArn)}, target ${nameOfArn(reason.targetArn)}`,
        reason.retryAttempts === undefined ? '' : `, ${reason.retryAttempts} retries`,
        ')',
      ].join('');
    case 'redrive': {
      const max = maxReceiveCountOf(reason.sourceQueueArn);
      return `received ${max === undefined ? 'maxReceiveCount' : max} times from ${nameOfArn(reason.sourceQueueArn)} and never deleted (its consumer failed it), so SQS moved it here`;
    }
    case 'unknown':
      return 'sent to the DLQ directly, with no reason attached';
  }
};
