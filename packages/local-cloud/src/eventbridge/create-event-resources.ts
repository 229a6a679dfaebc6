import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceAlreadyExistsException,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local-aws.js';
import { resolveIntrinsics } from '../templates/intrinsics.js';
import { resourcesOfType, type ServiceConfig } from '../templates/service-config.js';

const clientFor = (endpoint: string) =>
  new EventBridgeClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

/** Creates every `AWS::Events::EventBus` of the given services. Returns the bus names. */
export const createEventBuses = async (configs: ServiceConfig[], endpoint: string): Promise<string[]> => {
  const client = clientFor(endpoint);
  const names: string[] = [];
  try {
    for (const config of configs) {
      for (const [logicalId, bus] of resourcesOfType(config, 'AWS::Events::EventBus')) {
        const name = bus.Properties?.Name;
        if (typeof name !== 'string') throw new Error(`${config.service}: bus ${logicalId} needs a Name`);
        await client.send(new CreateEventBusCommand({ Name: name })).catch((error: unknown) => {
          if (!(error instanceof ResourceAlreadyExistsException)) throw error;
        });
        names.push(name);
      }
    }
    return names;
  } finally {
    client.destroy();
  }
};

/**
 * Creates every `AWS::Events::Rule` of a service with its targets, after all buses exist (rules
 * may sit on another service's bus, as ordering's rule sits on basket's). Returns rule names.
 */
export const createEventRules = async (config: ServiceConfig, endpoint: string): Promise<string[]> => {
  const client = clientFor(endpoint);
  const names: string[] = [];
  try {
    for (const [logicalId, rule] of resourcesOfType(config, 'AWS::Events::Rule')) {
      const properties = resolveIntrinsics(rule.Properties ?? {}, config) as Record<string, unknown>;
      const name = properties.Name;
      if (typeof name !== 'string') throw new Error(`${config.service}: rule ${logicalId} needs a Name`);
      const eventBusName = typeof properties.EventBusName === 'string' ? properties.EventBusName : undefined;
      // A rule on a bus that no started service owns (ordering's tests run without basket) gets
      // that bus, as if its owner were deployed; normally the owner created it already.
      if (eventBusName !== undefined && eventBusName !== 'default') {
        await client.send(new CreateEventBusCommand({ Name: eventBusName })).catch((error: unknown) => {
          if (!(error instanceof ResourceAlreadyExistsException)) throw error;
        });
      }
      await client.send(
        new PutRuleCommand({
          Name: name,
          EventBusName: eventBusName,
          EventPattern:
            typeof properties.EventPattern === 'string'
              ? properties.EventPattern
              : JSON.stringify(properties.EventPattern),
          State: (properties.State as 'ENABLED' | 'DISABLED' | undefined) ?? 'ENABLED',
          Description: properties.Description as string | undefined,
        }),
      );
      const targets = (properties.Targets as Target[] | undefined) ?? [];
      if (targets.length > 0) {
        await client.send(
          new PutTargetsCommand({ Rule: name, EventBusName: eventBusName, Targets: targets }),
        );
      }
      names.push(name);
    }
    return names;
  } finally {
    client.destroy();
  }
};
