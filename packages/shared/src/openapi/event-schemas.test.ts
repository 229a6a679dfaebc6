import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { CheckoutBasket } from '../events/checkout-basket.js';
import { aCheckout, envelopeOf } from '../testing/checkout-basket.js';
import { eventSchemaFiles } from './event-schemas.js';
import { jsonFileText } from './write-json.js';

const [checkoutBasket] = eventSchemaFiles();
const detail = aCheckout();
const envelope = envelopeOf(detail);

describe('the CheckoutBasket JSON Schema', () => {
  it('is committed as generated from the zod contract (run `pnpm openapi` after changing it)', async () => {
    expect(checkoutBasket).toBeDefined();
    const committed = await readFile(checkoutBasket?.path ?? '', 'utf8').catch(() => '(missing)');
    expect(committed).toBe(jsonFileText(checkoutBasket?.schema));
  });

  it('accepts what the zod contract accepts and refuses what it refuses', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(checkoutBasket?.schema ?? {});
    const refused = [
      { ...envelope, source: 'someone.else' },
      { ...envelope, detail: { ...detail, payment: { method: '1', cardLast4: '4242424242424242' } } },
      { ...envelope, detail: { ...detail, items: [] } },
      { ...envelope, detail: { ...detail, version: '2' } },
    ];

    expect(CheckoutBasket.detail.safeParse(detail).success).toBe(true);
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    for (const event of refused) {
      expect(
        CheckoutBasket.detail.safeParse(event.detail).success && event.source === CheckoutBasket.source,
      ).toBe(false);
      expect(validate(event)).toBe(false);
    }
  });
});
