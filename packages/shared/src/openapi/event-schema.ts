import type { $ZodType } from 'zod/v4/core';
import { jsonSchemaOf } from './json-schema.js';

interface DescribedEvent {
  source: string;
  detailType: string;
  version: string;
  detail: $ZodType;
}

/**
 * The JSON Schema of an event as consumers receive it from EventBridge: the standard envelope with
 * this event's `source` and `detail-type`, and its detail as the producer's schema outputs it.
 *
 * @example
 * eventJsonSchema(CheckoutBasket, 'https://schemas.eshop.example/events/checkout-basket.json')
 */
export const eventJsonSchema = (event: DescribedEvent, id: string) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: id,
  title: event.detailType,
  description: `${event.detailType} v${event.version}, published by ${event.source} to EventBridge and delivered in its standard envelope`,
  type: 'object',
  required: ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail'],
  properties: {
    version: { type: 'string' },
    id: { type: 'string' },
    'detail-type': { const: event.detailType },
    source: { const: event.source },
    account: { type: 'string' },
    time: { type: 'string', format: 'date-time' },
    region: { type: 'string' },
    resources: { type: 'array', items: { type: 'string' } },
    detail: jsonSchemaOf(event.detail, { io: 'output' }),
  },
});
