import { describe, expect, it } from 'vitest';
import { cursorParam, limitParam } from './list-params.js';

describe('limitParam and cursorParam', () => {
  it('take a page size of 1 to 100 from the query string, 20 when absent', () => {
    expect(limitParam.parse(undefined)).toBe(20);
    expect(limitParam.parse('1')).toBe(1);
    expect(limitParam.parse('100')).toBe(100);
    for (const bad of ['0', '101', '2.5', 'ten']) expect(limitParam.safeParse(bad).success).toBe(false);
  });

  it('take a cursor of 1 to 2048 characters, or none', () => {
    expect(cursorParam.parse(undefined)).toBeUndefined();
    expect(cursorParam.parse('x'.repeat(2048))).toHaveLength(2048);
    expect(cursorParam.safeParse('').success).toBe(false);
    expect(cursorParam.safeParse('x'.repeat(2049)).success).toBe(false);
  });
});
