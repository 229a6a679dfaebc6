import type { TraceJournal } from '../../trace/journal.js';
import { notFoundError } from '../api-error.js';
import { type AccountScope, busNameFrom } from '../arns.js';
import type { EventBus, EventEnvelope, Rule } from '../model.js';
import { optionalString, requiredString } from './request-fields.js';

/** Everything an operation handler needs: the account's state and the way out to targets. */
export interface EmulatorContext {
  readonly scope: AccountScope;
  readonly buses: Map<string, EventBus>;
  /** Hands a matched event to a rule's targets; must not wait for delivery. */
  readonly dispatch: (rule: Rule, event: EventEnvelope) => void;
  /** Where puts and rule matches are recorded for `pnpm events`. */
  readonly trace: TraceJournal;
}

export function findBus(context: EmulatorContext, busName: string): EventBus {
  const bus = context.buses.get(busName);
  if (!bus) throw notFoundError(`Event bus ${busName} does not exist.`);
  return bus;
}

export function findRule(context: EmulatorContext, busName: string, ruleName: string): Rule {
  const rule = findBus(context, busName).rules.get(ruleName);
  if (!rule) throw notFoundError(`Rule ${ruleName} does not exist on EventBus ${busName}.`);
  return rule;
}

/** The rule a request names in `field` (`Name` or `Rule`), on its `EventBusName` or the default bus. */
export function ruleNamedIn(
  context: EmulatorContext,
  body: Record<string, unknown>,
  field: 'Name' | 'Rule',
): Rule {
  return findRule(context, busNameFrom(optionalString(body, 'EventBusName')), requiredString(body, field));
}

export type OperationHandler = (context: EmulatorContext, body: Record<string, unknown>) => unknown;
