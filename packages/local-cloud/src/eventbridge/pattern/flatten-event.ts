import type { LeafValue } from './matchers.js';

/**
 * An event seen the way event-ruler sees it: every leaf value under its dot-joined path (so
 * `{"a": {"b": 1}}` and `{"a.b": 1}` give the same field), arrays contributing one field per
 * element. Each field remembers which element of which array it came from, because fields used
 * together in one match must come from the same element of any array they share.
 */
export interface EventField {
  readonly value: LeafValue;
  /** Pairs of (array id, element index) for every array on the way down to this leaf. */
  readonly trail: readonly (readonly [number, number])[];
}

export type FlattenedEvent = ReadonlyMap<string, readonly EventField[]>;

export function flattenEvent(event: Record<string, unknown>): FlattenedEvent {
  const fields = new Map<string, EventField[]>();
  let nextArrayId = 0;

  const visit = (value: unknown, path: string, trail: readonly (readonly [number, number])[]): void => {
    if (Array.isArray(value)) {
      const arrayId = nextArrayId++;
      for (const [index, element] of value.entries()) visit(element, path, [...trail, [arrayId, index]]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key, trail);
    } else if (path) {
      const leaf: EventField = { value: value as LeafValue, trail };
      const existing = fields.get(path);
      if (existing) existing.push(leaf);
      else fields.set(path, [leaf]);
    }
  };

  visit(event, '', []);
  return fields;
}
