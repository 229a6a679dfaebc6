import type { OperationHandler } from './context.js';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './event-buses.js';
import { putEvents } from './put-events.js';
import { deleteRule, describeRule, disableRule, enableRule, listRules, putRule } from './rules.js';
import { listTargetsByRule, putTargets, removeTargets } from './targets.js';
import { testEventPattern } from './test-event-pattern.js';

/** Operation name (the part after "AWSEvents." in X-Amz-Target) to handler. */
export const operations: ReadonlyMap<string, OperationHandler> = new Map([
  ['PutEvents', putEvents],
  ['TestEventPattern', testEventPattern],
  ['CreateEventBus', createEventBus],
  ['DescribeEventBus', describeEventBus],
  ['ListEventBuses', listEventBuses],
  ['DeleteEventBus', deleteEventBus],
  ['PutRule', putRule],
  ['DescribeRule', describeRule],
  ['ListRules', listRules],
  ['DeleteRule', deleteRule],
  ['EnableRule', enableRule],
  ['DisableRule', disableRule],
  ['PutTargets', putTargets],
  ['RemoveTargets', removeTargets],
  ['ListTargetsByRule', listTargetsByRule],
]);
