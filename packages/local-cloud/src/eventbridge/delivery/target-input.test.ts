import { describe, expect, it } from 'vitest';
import { readJsonPath } from './json-path.js';
import { renderTemplate } from './target-input.js';

describe('readJsonPath', () => {
  const event = { detail: { items: [{ sku: 'A' }, { sku: 'B' }], 'order-id': 'o1' } };

  it.each([
    ['$', event],
    ['$.detail.order-id', 'o1'],
    ['$.detail.items[1].sku', 'B'],
    ['$.detail.items[*].sku', ['A', 'B']],
    ['$.detail.missing', undefined],
    ['detail', undefined],
  ])('%s', (path, expected) => {
    expect(readJsonPath(event, path)).toEqual(expected);
  });
});

describe('renderTemplate', () => {
  const values = new Map<string, unknown>([
    ['name', 'ana'],
    ['count', 3],
    ['tags', ['x', 'y']],
    ['flag', true],
  ]);

  it('quotes strings outside JSON strings and inserts them raw inside', () => {
    expect(renderTemplate('{"n": <name>, "s": "hi <name>", "c": <count>, "t": <tags>}', values)).toBe(
      '{"n": "ana", "s": "hi ana", "c": 3, "t": ["x","y"]}',
    );
  });

  it('strips inner quotes from objects placed inside a JSON string', () => {
    expect(renderTemplate('"tags: <tags>"', values)).toBe('"tags: [x,y]"');
  });

  it('substitutes raw text in a plain-text template', () => {
    expect(renderTemplate('<name> has <count> items', values)).toBe('ana has 3 items');
  });

  it('leaves unknown placeholders and escaped quotes alone', () => {
    expect(renderTemplate('{"a": "say \\"<name>\\" <other>"}', values)).toBe(
      '{"a": "say \\"ana\\" <other>"}',
    );
  });
});
