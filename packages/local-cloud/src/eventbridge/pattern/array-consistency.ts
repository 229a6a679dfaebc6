import type { EventField } from './flatten-event.js';

/**
 * event-ruler only matches fields together when they come from the same element of every array they
 * share. A field's trail lists the (array, element) pairs from the event's root down to it, so arrays
 * nest: two trails that share an array agree on everything above it. A set of fields is therefore
 * consistent exactly when it uses at most one element of each array.
 *
 * Instead of trying combinations of candidates (quadratic and worse), the search walks that tree of
 * array elements once: at an element, a constraint with a candidate right there is settled; the
 * others go to the arrays below, and every constraint sent into one array must be met inside a
 * single element of it. Each candidate is looked at once per level of nesting.
 */

export type Trail = EventField['trail'];

/** Caps the assignments tried when a constraint can be met under two different arrays (dotted keys). */
export class SearchBudget {
  constructor(private remaining: number) {}

  spend(): boolean {
    this.remaining -= 1;
    return this.remaining >= 0;
  }
}

type ArrayBuckets = Map<number, Map<number, Trail[]>>;

/** Candidates below the current element, grouped by the array and element they go through next. */
function bucketByArray(trails: readonly Trail[], depth: number): ArrayBuckets {
  const buckets: ArrayBuckets = new Map();
  for (const trail of trails) {
    const step = trail[depth];
    if (!step) continue;
    const [arrayId, index] = step;
    let elements = buckets.get(arrayId);
    if (!elements) {
      elements = new Map();
      buckets.set(arrayId, elements);
    }
    const inElement = elements.get(index);
    if (inElement) inElement.push(trail);
    else elements.set(index, [trail]);
  }
  return buckets;
}

/** Whether every constraint can be met inside one element of the array. */
function metInOneElement(
  constraints: readonly Map<number, Trail[]>[],
  depth: number,
  budget: SearchBudget,
): boolean {
  // Only elements that hold a candidate for every constraint can work: try the fewest.
  const narrowest = constraints.reduce((best, current) => (current.size < best.size ? current : best));
  for (const index of narrowest.keys()) {
    const inElement: Trail[][] = [];
    for (const elements of constraints) {
      const trails = elements.get(index);
      if (!trails) break;
      inElement.push(trails);
    }
    if (inElement.length === constraints.length && consistentBelow(inElement, depth + 1, budget)) return true;
  }
  return false;
}

function consistentBelow(
  constraints: readonly (readonly Trail[])[],
  depth: number,
  budget: SearchBudget,
): boolean {
  const open: ArrayBuckets[] = [];
  for (const trails of constraints) {
    // A candidate at this element is consistent with anything chosen below it.
    if (trails.some((trail) => trail.length === depth)) continue;
    open.push(bucketByArray(trails, depth));
  }
  if (open.length === 0) return true;
  return assign(open, 0, new Map(), depth, budget);
}

/** Sends each open constraint into one of the arrays it can use, then checks each array. */
function assign(
  open: readonly ArrayBuckets[],
  at: number,
  chosen: Map<number, Map<number, Trail[]>[]>,
  depth: number,
  budget: SearchBudget,
): boolean {
  const constraint = open[at];
  if (!constraint) {
    for (const constraints of chosen.values()) if (!metInOneElement(constraints, depth, budget)) return false;
    return true;
  }
  for (const [arrayId, elements] of constraint) {
    if (constraint.size > 1 && !budget.spend()) return false;
    const inArray = chosen.get(arrayId) ?? [];
    chosen.set(arrayId, [...inArray, elements]);
    const found = assign(open, at + 1, chosen, depth, budget);
    if (inArray.length > 0) chosen.set(arrayId, inArray);
    else chosen.delete(arrayId);
    if (found) return true;
  }
  return false;
}

/**
 * Whether one candidate per constraint can be picked so that the picks use at most one element of
 * any array. Each constraint lists the trails of the fields that satisfy it; a constraint without
 * any has no array to go to, so the search fails it.
 */
export function consistentChoiceExists(
  constraints: readonly (readonly Trail[])[],
  budget: SearchBudget,
): boolean {
  return consistentBelow(constraints, 0, budget);
}
