import { getAttArnOf, redrivePolicyOf } from '../queues/create-queues.js';
import { resourcesOfType, type ServiceConfig } from '../templates/service-config.js';

/** A way messages reach a DLQ, as a service's serverless.ts declares it. */
export type DeadLetterSource =
  | {
      /** SQS moved the message after `maxReceiveCount` failed receives (the queue's RedrivePolicy). */
      kind: 'queue';
      queueLogicalId: string;
      maxReceiveCount: number;
    }
  | {
      /** EventBridge could not deliver to a rule's target (the target's DeadLetterConfig). */
      kind: 'rule';
      ruleLogicalId: string;
      /** The target's queue, when the target is a queue of this service. */
      targetQueueLogicalId?: string;
      /**
       * The target gets Input, InputPath or an InputTransformer's output, while its DLQ holds the
       * original event: moving that event to the target would hand it a shape it never receives.
       */
      transformsInput: boolean;
    };

/** A dead-letter queue of a service and everything that sends messages to it. */
export interface DeadLetterQueueSpec {
  /** The service's name (`service` in serverless.ts), e.g. `eshop-ordering`. */
  service: string;
  logicalId: string;
  sources: DeadLetterSource[];
}

interface RuleTarget {
  Arn?: unknown;
  Input?: unknown;
  InputPath?: unknown;
  InputTransformer?: unknown;
  DeadLetterConfig?: { Arn?: unknown };
}

/**
 * The DLQs a resolved service config declares (`loadServiceConfig`), found the way CloudFormation
 * would wire them: queues' `RedrivePolicy.deadLetterTargetArn` and rule targets'
 * `DeadLetterConfig.Arn`, each a `Fn::GetAtt` of a queue in the same template. Logical ids do not
 * change with the stage, so this reads the same for `local` and for a deployed stage.
 *
 * @example
 * deadLetterQueuesOf(await loadServiceConfig('services/ordering', 'local'));
 * // [{ service: 'eshop-ordering', logicalId: 'CheckoutDeadLetterQueue', sources: [...] }]
 */
export const deadLetterQueuesOf = (config: ServiceConfig): DeadLetterQueueSpec[] => {
  const sourcesByDlq = new Map<string, DeadLetterSource[]>();
  const add = (dlq: string | undefined, source: DeadLetterSource) => {
    if (dlq === undefined) return;
    sourcesByDlq.set(dlq, [...(sourcesByDlq.get(dlq) ?? []), source]);
  };
  const queueIds = new Set(resourcesOfType(config, 'AWS::SQS::Queue').map(([id]) => id));

  for (const [queueLogicalId, queue] of resourcesOfType(config, 'AWS::SQS::Queue')) {
    const redrive = redrivePolicyOf(queue.Properties ?? {});
    if (redrive === undefined) continue;
    add(getAttArnOf(redrive.deadLetterTargetArn), {
      kind: 'queue',
      queueLogicalId,
      maxReceiveCount: Number(redrive.maxReceiveCount),
    });
  }
  for (const [ruleLogicalId, rule] of resourcesOfType(config, 'AWS::Events::Rule')) {
    for (const target of (rule.Properties?.Targets ?? []) as RuleTarget[]) {
      const targetQueue = getAttArnOf(target.Arn);
      add(getAttArnOf(target.DeadLetterConfig?.Arn), {
        kind: 'rule',
        ruleLogicalId,
        ...(targetQueue !== undefined && queueIds.has(targetQueue)
          ? { targetQueueLogicalId: targetQueue }
          : {}),
        transformsInput:
          target.Input !== undefined ||
          target.InputPath !== undefined ||
          target.InputTransformer !== undefined,
      });
    }
  }
  return [...sourcesByDlq].map(([logicalId, sources]) => ({ service: config.service, logicalId, sources }));
};

/** How to move a DLQ's messages back, or why that cannot be done safely. */
export type RedrivePlan =
  | {
      redrivable: true;
      /**
       * The one queue every message goes back to; undefined when sources differ, and SQS returns
       * each message to the queue it came from (only possible for messages SQS itself moved).
       */
      destinationLogicalId?: string;
    }
  | { redrivable: false; reason: string };

/**
 * Where a DLQ's messages go back to. With one source queue, every message goes there, including
 * the events EventBridge wrote to the DLQ itself (SQS does not know where those came from, so
 * without an explicit destination StartMessageMoveTask fails on them with
 * CouldNotDetermineMessageSource).
 */
export const planRedrive = (spec: DeadLetterQueueSpec): RedrivePlan => {
  const destinations = new Set<string>();
  for (const source of spec.sources) {
    if (source.kind === 'queue') {
      destinations.add(source.queueLogicalId);
      continue;
    }
    if (source.targetQueueLogicalId === undefined) {
      return {
        redrivable: false,
        reason: `rule ${source.ruleLogicalId} dead-letters a target that is not a queue of ${spec.service}`,
      };
    }
    if (source.transformsInput) {
      return {
        redrivable: false,
        reason: `rule ${source.ruleLogicalId} transforms its target's input, but the DLQ holds the original events`,
      };
    }
    destinations.add(source.targetQueueLogicalId);
  }
  if (destinations.size === 1) return { redrivable: true, destinationLogicalId: [...destinations][0] };
  if (spec.sources.some((source) => source.kind === 'rule')) {
    return {
      redrivable: false,
      reason: `it holds events from EventBridge and messages from ${destinations.size} queues: SQS cannot tell where each event belongs`,
    };
  }
  return { redrivable: true };
};
