import { describe, expect, it } from 'vitest';
import { flattenEvent } from './flatten-event.js';
import { matchesEventPattern } from './index.js';

describe('flattenEvent', () => {
  it('collects only the paths asked for, and the objects leading to them', () => {
    const event = { a: { b: 'x', c: 'y' }, d: ['z'] };
    expect([...flattenEvent(event, ['a.b']).keys()]).toEqual(['a.b']);
    expect([...flattenEvent(event).keys()]).toEqual(['a.b', 'a.c', 'd']);
  });

  // An object under an empty key is not the event's top level: its fields are not `a.b`.
  it('does not read fields through an empty key when asked for a dotted path', () => {
    const event = { '': { a: { b: 'x' } } };
    expect(flattenEvent(event, ['a.b']).size).toBe(0);
    expect(matchesEventPattern({ a: { b: ['x'] } }, event)).toBe(false);
  });

  // event-ruler names a field by joining every key on the way with '.', so a top-level "" key is
  // the field "" (and an object under it gives ".a"), not the event's top level.
  it('keeps a value under a top-level empty key as the field ""', () => {
    expect(flattenEvent({ '': 'x' }).get('')).toEqual([{ value: 'x', trail: [] }]);
    expect(matchesEventPattern({ '': ['x'] }, { '': 'x' })).toBe(true);
    expect([...flattenEvent({ '': { a: 'x' } }).keys()]).toEqual(['.a']);
    expect([...flattenEvent({ '': { '': 'x' } }).keys()]).toEqual(['.']);
  });
});
