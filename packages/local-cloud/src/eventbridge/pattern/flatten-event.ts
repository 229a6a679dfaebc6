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

/** Every path a pattern could look at, and each prefix of one that ends at a dot. */
function pathsAndPrefixes(paths: Iterable<string>): Set<string> {
  const wanted = new Set<string>();
  for (const path of paths) {
    wanted.add(path);
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1))
      wanted.add(path.slice(0, dot));
  }
  return wanted;
}

/**
 * @param paths the only paths to collect (a pattern's paths): subtrees that cannot lead to one are
 * skipped, which keeps a large event cheap when patterns look at a few of its fields.
 */
export function flattenEvent(event: Record<string, unknown>, paths?: Iterable<string>): FlattenedEvent {
  const fields = new Map<string, EventField[]>();
  const wanted = paths ? pathsAndPrefixes(paths) : undefined;
  let nextArrayId = 0;

  // The top level has no path (`undefined`): `''` is the name of a top-level `""` key.
  const visit = (
    value: unknown,
    path: string | undefined,
    trail: readonly (readonly [number, number])[],
  ): void => {
    if (Array.isArray(value)) {
      const arrayId = nextArrayId++;
      for (let index = 0; index < value.length; index++)
        visit(value[index], path, [...trail, [arrayId, index]]);
    } else if (typeof value === 'object' && value !== null) {
      // for...in over a parsed JSON object sees exactly its own keys, without allocating entries.
      for (const key in value) {
        const childPath = path === undefined ? key : `${path}.${key}`;
        if (!wanted || wanted.has(childPath))
          visit((value as Record<string, unknown>)[key], childPath, trail);
      }
    } else if (path !== undefined) {
      const leaf: EventField = { value: value as LeafValue, trail };
      const existing = fields.get(path);
      if (existing) existing.push(leaf);
      else fields.set(path, [leaf]);
    }
  };

  visit(event, undefined, []);
  return fields;
}
