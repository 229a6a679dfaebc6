import {
  DeleteRuleCommand,
  type EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';

export interface TestRuleDefinition {
  bus: string;
  name: string;
  pattern: object;
  /** The rule's one target. */
  target: Target & { Id: string };
}

/**
 * A rule with one target on a bus, for the length of a test: `remove()` takes the target and then
 * the rule away again, as EventBridge requires.
 *
 * @example
 * const rule = await addTestRule(eventBridge, { bus, name, pattern: { source: ['eshop.basket'] }, target });
 * try { ... } finally { await rule.remove(); }
 */
export const addTestRule = async (
  eventBridge: EventBridgeClient,
  { bus, name, pattern, target }: TestRuleDefinition,
) => {
  await eventBridge.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify(pattern) }),
  );
  await eventBridge.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: [target] }));
  return {
    remove: async () => {
      await eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: [target.Id] }));
      await eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
    },
  };
};
