import { fileURLToPath } from 'node:url';
import { CheckoutBasket } from '../events/checkout-basket.js';
import { eventJsonSchema } from './event-schema.js';

/** Every event's JSON Schema, and the file it is committed as (beside its contract). */
export const eventSchemaFiles = () => [
  {
    path: fileURLToPath(new URL('../events/checkout-basket.schema.json', import.meta.url)),
    schema: eventJsonSchema(CheckoutBasket, 'https://schemas.eshop.example/events/checkout-basket.json'),
  },
];
