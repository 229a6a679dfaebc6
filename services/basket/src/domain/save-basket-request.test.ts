import { describe, expect, it } from 'vitest';
import { saveBasketSchema } from './save-basket-request.js';

describe('saveBasketSchema', () => {
  it('says why a fractional quantity is refused', () => {
    const result = saveBasketSchema.safeParse({
      userName: 'ada',
      items: [{ productId: 'a', quantity: 1.5 }],
    });

    expect(result.error?.issues[0]?.message).toBe('Must be a whole number');
  });
});
