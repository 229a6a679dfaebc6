import { describe, expect, it } from 'vitest';
import { sourceMappedStack } from './source-mapped-stack.js';

describe('sourceMappedStack', () => {
  it('leaves frames without a source map as they are', () => {
    const stack = 'Error: x\n    at f (/nowhere/bundle.mjs:1:2)\n    at node:internal/x:3:4';

    expect(sourceMappedStack(stack)).toBe(stack);
    expect(sourceMappedStack(undefined)).toBeUndefined();
  });
});
