import { expect } from 'vitest';

/**
 * What the consumer logs, as `logger.error`'s arguments, for a message whose checkout id already
 * has a different order: `fields` names the message, the checkout and the differing fields.
 */
export const differentOrderLogged = (fields: Record<string, unknown>) =>
  [expect.stringContaining('different order'), expect.objectContaining(fields)] as const;
