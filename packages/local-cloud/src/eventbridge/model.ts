import type { CompiledPattern } from './pattern/index.js';

/** The target fields the emulator stores and acts on (the rest of the AWS shape is kept verbatim). */
export interface Target {
  readonly Id: string;
  readonly Arn: string;
  readonly Input?: string;
  readonly InputPath?: string;
  readonly InputTransformer?: {
    readonly InputPathsMap?: Record<string, string>;
    readonly InputTemplate: string;
  };
  readonly RetryPolicy?: {
    readonly MaximumRetryAttempts?: number;
    readonly MaximumEventAgeInSeconds?: number;
  };
  readonly DeadLetterConfig?: { readonly Arn?: string };
  readonly SqsParameters?: { readonly MessageGroupId?: string };
  readonly [other: string]: unknown;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface Rule {
  readonly name: string;
  readonly arn: string;
  readonly busName: string;
  eventPattern?: string;
  compiledPattern?: CompiledPattern;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  /** Insertion-ordered like AWS listings; keyed by target Id. */
  readonly targets: Map<string, Target>;
}

export interface EventBus {
  readonly name: string;
  readonly arn: string;
  description?: string;
  readonly creationTime: Date;
  lastModifiedTime: Date;
  readonly rules: Map<string, Rule>;
}

/** The event envelope EventBridge delivers to targets, keys in AWS order. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}
