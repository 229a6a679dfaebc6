import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { ServiceUnavailableError } from '../errors.js';
import type * as z from '../zod.js';
import type { EventDefinition } from './event-definition.js';

/** The bus did not accept the event (an entry failure or an unreachable bus); safe to retry. */
export class EventPublishError extends ServiceUnavailableError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 2, options);
  }
}

export type PublishEvent = <TDetail extends z.ZodMiniType>(
  definition: EventDefinition<TDetail>,
  detail: z.input<TDetail>,
) => Promise<{ eventId: string }>;

/**
 * Creates the only way services publish: the detail is validated against the event's schema
 * before it leaves, and a per-entry failure (`FailedEntryCount`, which PutEvents reports without
 * throwing) becomes an `EventPublishError`, as does a bus that cannot be reached.
 *
 * @example
 * const publish = buildPublishEvent(new EventBridgeClient({}), 'eshop-basket-dev');
 * await publish(CheckoutBasket, detail);
 */
export const buildPublishEvent =
  (client: EventBridgeClient, eventBusName: string): PublishEvent =>
  async (definition, detail) => {
    // Throws on an invalid detail: a bug in the producer, never something to put on the bus.
    const valid = definition.detail.parse(detail);
    let result: PutEventsCommandOutput;
    try {
      result = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: eventBusName,
              Source: definition.source,
              DetailType: definition.detailType,
              Detail: JSON.stringify(valid),
            },
          ],
        }),
      );
    } catch (error) {
      throw new EventPublishError(`Could not reach event bus ${eventBusName}`, { cause: error });
    }
    const entry = result.Entries?.[0];
    if ((result.FailedEntryCount ?? 0) > 0 || entry?.EventId === undefined) {
      throw new EventPublishError(
        `Event bus ${eventBusName} rejected ${definition.detailType}: ${entry?.ErrorCode ?? 'no event id'}`,
      );
    }
    return { eventId: entry.EventId };
  };
