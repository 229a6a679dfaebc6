import { EventBridgeApiError, validationError } from '../api-error.js';
import type { Target } from '../model.js';
import { type OperationHandler, ruleNamedIn } from './context.js';
import { paginate } from './paginate.js';
import {
  checkedName,
  optionalArray,
  optionalLimit,
  optionalString,
  requiredString,
} from './request-fields.js';

const TARGET_ID = /^[.\-_A-Za-z0-9]+$/;
/** AWS allows at most five targets per rule. */
const MAX_TARGETS_PER_RULE = 5;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function checkedTarget(raw: unknown): Target {
  if (typeof raw !== 'object' || raw === null) throw validationError('Each target must be an object.');
  const target = raw as Record<string, unknown>;
  const id = checkedName(requiredString(target, 'Id'), 'Id', TARGET_ID, '[\\.\\-_A-Za-z0-9]+', 64);
  requiredString(target, 'Arn');
  const inputs = ['Input', 'InputPath', 'InputTransformer'].filter((key) => target[key] !== undefined);
  if (inputs.length > 1) {
    throw validationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${id}.`,
    );
  }
  const input = optionalString(target, 'Input');
  if (input !== undefined && !isJson(input)) {
    throw validationError(`Input for target ${id} is not a valid JSON text.`);
  }
  const inputPath = optionalString(target, 'InputPath');
  if (inputPath !== undefined && !inputPath.startsWith('$')) {
    throw validationError(`InputPath for target ${id} is not a valid JSON path.`);
  }
  const transformer = target.InputTransformer as Target['InputTransformer'];
  if (transformer !== undefined && typeof transformer?.InputTemplate !== 'string') {
    throw validationError(
      "1 validation error detected: Value null at 'targets.1.member.inputTransformer.inputTemplate' failed to satisfy constraint: Member must not be null",
    );
  }
  return target as Target;
}

export const putTargets: OperationHandler = (context, body) => {
  const rule = ruleNamedIn(context, body, 'Rule');
  const targets = (optionalArray(body, 'Targets') ?? []).map(checkedTarget);
  if (targets.length === 0) {
    throw validationError(
      "1 validation error detected: Value '[]' at 'targets' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  const newIds = new Set(targets.map((target) => target.Id).filter((id) => !rule.targets.has(id)));
  if (rule.targets.size + newIds.size > MAX_TARGETS_PER_RULE) {
    throw new EventBridgeApiError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed. Rule ${rule.name} has ${rule.targets.size} targets and cannot have more than ${MAX_TARGETS_PER_RULE}.`,
    );
  }
  for (const target of targets) rule.targets.set(target.Id, target);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const removeTargets: OperationHandler = (context, body) => {
  const rule = ruleNamedIn(context, body, 'Rule');
  const ids = (optionalArray(body, 'Ids') ?? []).filter((id): id is string => typeof id === 'string');
  for (const id of ids) rule.targets.delete(id);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const listTargetsByRule: OperationHandler = (context, body) => {
  const rule = ruleNamedIn(context, body, 'Rule');
  const { page, nextToken } = paginate(
    [...rule.targets.values()],
    optionalLimit(body),
    optionalString(body, 'NextToken'),
  );
  return { Targets: page, NextToken: nextToken };
};
