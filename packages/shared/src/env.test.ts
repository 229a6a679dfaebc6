import { describe, expect, it } from 'vitest';
import { optionalEnv, requireEnv } from './env.js';

describe('requireEnv', () => {
  it('returns a set value', () => {
    expect(requireEnv('TABLE', { TABLE: 'products' })).toBe('products');
  });

  it.each([undefined, '', '  '])('throws naming the variable when it is %j', (value) => {
    expect(() => requireEnv('TABLE', { TABLE: value })).toThrow(
      'Missing required environment variable TABLE',
    );
  });
});

describe('optionalEnv', () => {
  it('falls back when unset or empty', () => {
    expect(optionalEnv('ORIGINS', '*', {})).toBe('*');
    expect(optionalEnv('ORIGINS', '*', { ORIGINS: '' })).toBe('*');
    expect(optionalEnv('ORIGINS', '*', { ORIGINS: 'https://a.example' })).toBe('https://a.example');
  });
});
