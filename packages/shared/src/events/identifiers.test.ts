import { describe, expect, it } from 'vitest';
import { productIdSchema, userNameSchema } from './identifiers.js';

describe('userNameSchema', () => {
  it.each(['swn', 'ada.lovelace@example.com', 'user-1_a+b', 'Zoë', '李雷', 'x'.repeat(128)])(
    'accepts %j',
    (name) => {
      expect(userNameSchema.safeParse(name).success).toBe(true);
    },
  );

  it.each(['', ' swn', 'swn ', 'Jean Dupont', 'a\u0000b', 'tab\there', 'nb\u00a0sp', 'a/b', 'x'.repeat(129)])(
    'rejects %j',
    (name) => {
      expect(userNameSchema.safeParse(name).error?.issues[0]?.message).toMatch(/^Must be 1-128 letters/);
    },
  );
});

describe('productIdSchema', () => {
  it.each(['6a1c0000-0000-4000-8000-000000000001', 'p-mug-01', 'x'.repeat(64)])('accepts %j', (id) => {
    expect(productIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'a b', 'a/b', 'x'.repeat(65), 'ünï'])('rejects %j', (id) => {
    expect(productIdSchema.safeParse(id).error?.issues[0]?.message).toBe(
      'Must be 1-64 letters, digits, - or _',
    );
  });
});
