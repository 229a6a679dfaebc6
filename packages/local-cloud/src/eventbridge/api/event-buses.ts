import { EventBridgeApiError, validationError } from '../api-error.js';
import { busNameFrom, DEFAULT_BUS, eventBusArn } from '../arns.js';
import type { EventBus } from '../model.js';
import { type EmulatorContext, findBus, type OperationHandler } from './context.js';
import { paginate } from './paginate.js';
import { checkedName, optionalLimit, optionalString, requiredString } from './request-fields.js';

const BUS_NAME = /^[/.\-_A-Za-z0-9]+$/;

export function newEventBus(context: EmulatorContext, name: string, description?: string): EventBus {
  const now = new Date();
  return {
    name,
    arn: eventBusArn(context.scope, name),
    description,
    creationTime: now,
    lastModifiedTime: now,
    rules: new Map(),
  };
}

function describe(bus: EventBus) {
  return {
    Name: bus.name,
    Arn: bus.arn,
    Description: bus.description,
    CreationTime: bus.creationTime.getTime() / 1000,
    LastModifiedTime: bus.lastModifiedTime.getTime() / 1000,
  };
}

export const createEventBus: OperationHandler = (context, body) => {
  const name = checkedName(requiredString(body, 'Name'), 'Name', BUS_NAME, '[/\\.\\-_A-Za-z0-9]+', 256);
  if (context.buses.has(name)) {
    throw new EventBridgeApiError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  }
  // Names with "/" belong to partner event sources, which only AWS partners can create.
  if (name.includes('/') && !optionalString(body, 'EventSourceName')) {
    throw validationError(`Event source ${name} does not exist.`);
  }
  const bus = newEventBus(context, name, optionalString(body, 'Description'));
  context.buses.set(name, bus);
  return { EventBusArn: bus.arn, Description: bus.description };
};

export const describeEventBus: OperationHandler = (context, body) =>
  describe(findBus(context, busNameFrom(optionalString(body, 'Name'))));

export const listEventBuses: OperationHandler = (context, body) => {
  const prefix = optionalString(body, 'NamePrefix') ?? '';
  const buses = [...context.buses.values()].filter((bus) => bus.name.startsWith(prefix));
  const { page, nextToken } = paginate(buses, optionalLimit(body), optionalString(body, 'NextToken'));
  return { EventBuses: page.map(describe), NextToken: nextToken };
};

export const deleteEventBus: OperationHandler = (context, body) => {
  const name = busNameFrom(requiredString(body, 'Name'));
  if (name === DEFAULT_BUS) throw validationError('Cannot delete event bus default.');
  // Like AWS, deleting a bus that does not exist succeeds; its rules go with it.
  context.buses.delete(name);
  return {};
};
