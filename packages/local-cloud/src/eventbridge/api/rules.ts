import { EventBridgeApiError, validationError } from '../api-error.js';
import { busNameFrom, DEFAULT_BUS, ruleArn } from '../arns.js';
import type { Rule, RuleState } from '../model.js';
import { InvalidEventPatternError, validateEventPattern } from '../pattern/index.js';
import { findBus, type OperationHandler, ruleNamedIn } from './context.js';
import { paginate } from './paginate.js';
import { checkedName, optionalLimit, optionalString, requiredString } from './request-fields.js';

const RULE_NAME = /^[.\-_A-Za-z0-9]+$/;
const RULE_STATES: readonly RuleState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
];
/** The EventPattern length limit both PutRule and TestEventPattern document. */
const MAX_PATTERN_LENGTH = 4096;

/** Parameter validation runs before the pattern is read, so this error comes first. */
export function checkPatternLength(pattern: string): void {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw validationError(
      `1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PATTERN_LENGTH}`,
    );
  }
}

/** Turns a pattern problem into the API error EventBridge answers with. */
export function compileOrReject(pattern: string) {
  try {
    return validateEventPattern(pattern);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) {
      throw new EventBridgeApiError('InvalidEventPatternException', error.message);
    }
    throw error;
  }
}

function describe(rule: Rule) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    EventPattern: rule.eventPattern,
    ScheduleExpression: rule.scheduleExpression,
    State: rule.state,
    Description: rule.description,
    RoleArn: rule.roleArn,
    EventBusName: rule.busName,
  };
}

export const putRule: OperationHandler = (context, body) => {
  const name = checkedName(requiredString(body, 'Name'), 'Name', RULE_NAME, '[\\.\\-_A-Za-z0-9]+', 64);
  const busName = busNameFrom(optionalString(body, 'EventBusName'));
  const eventPattern = optionalString(body, 'EventPattern');
  const scheduleExpression = optionalString(body, 'ScheduleExpression');
  const state = (optionalString(body, 'State') ?? 'ENABLED') as RuleState;
  if (!RULE_STATES.includes(state)) {
    throw validationError(
      `1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`,
    );
  }
  if (!eventPattern && !scheduleExpression) {
    throw validationError('Parameter(s) ScheduleExpression or EventPattern must be specified.');
  }
  if (eventPattern) checkPatternLength(eventPattern);
  const bus = findBus(context, busName);
  if (scheduleExpression && busName !== DEFAULT_BUS) {
    throw validationError('ScheduleExpression is supported only on the default event bus.');
  }
  const compiledPattern = eventPattern ? compileOrReject(eventPattern) : undefined;
  const existing = bus.rules.get(name);
  const rule: Rule = existing ?? {
    name,
    arn: ruleArn(context.scope, busName, name),
    busName,
    state,
    targets: new Map(),
  };
  rule.eventPattern = eventPattern;
  rule.compiledPattern = compiledPattern;
  rule.scheduleExpression = scheduleExpression;
  rule.state = state;
  rule.description = optionalString(body, 'Description');
  rule.roleArn = optionalString(body, 'RoleArn');
  bus.rules.set(name, rule);
  return { RuleArn: rule.arn };
};

export const describeRule: OperationHandler = (context, body) => describe(ruleNamedIn(context, body, 'Name'));

export const listRules: OperationHandler = (context, body) => {
  const bus = findBus(context, busNameFrom(optionalString(body, 'EventBusName')));
  const prefix = optionalString(body, 'NamePrefix') ?? '';
  const rules = [...bus.rules.values()].filter((rule) => rule.name.startsWith(prefix));
  const { page, nextToken } = paginate(rules, optionalLimit(body), optionalString(body, 'NextToken'));
  return { Rules: page.map(describe), NextToken: nextToken };
};

export const deleteRule: OperationHandler = (context, body) => {
  const bus = findBus(context, busNameFrom(optionalString(body, 'EventBusName')));
  const name = requiredString(body, 'Name');
  const rule = bus.rules.get(name);
  // Deleting a rule that does not exist succeeds in AWS too.
  if (!rule) return {};
  if (rule.targets.size > 0) throw validationError("Rule can't be deleted since it has targets.");
  bus.rules.delete(name);
  return {};
};

function setState(state: RuleState): OperationHandler {
  return (context, body) => {
    ruleNamedIn(context, body, 'Name').state = state;
    return {};
  };
}

export const enableRule = setState('ENABLED');
export const disableRule = setState('DISABLED');
