import { rejectPattern } from './invalid-event-pattern-error.js';
import type { Matcher } from './matchers.js';

/**
 * A compiled pattern as an AND/OR tree instead of event-ruler's list of expanded sub-rules, so that
 * n parallel `$or`s cost n nodes rather than 2^n branches.
 *
 * event-ruler compiles a pattern by writing each field into every sub-rule built so far, and a
 * later write to the same path replaces the earlier one (`rule.put(name, values)`), `$or` included.
 * The tree keeps that meaning: `normalizeEntries` moves every write that another write could
 * replace into the `$or` alternatives where the replacement happens, so that afterwards no path is
 * constrained twice along any branch and the tree reads as plain AND (fields) and OR (alternatives).
 */

/** The constraint on one dot-joined path: the event must hold a leaf there that a matcher accepts. */
export interface PatternLeaf {
  readonly path: string;
  readonly matchers: readonly Matcher[];
}

export interface PatternNode {
  /** All must hold. */
  readonly fields: ReadonlyMap<string, PatternLeaf>;
  /** Each group needs one alternative that holds. */
  readonly ors: readonly (readonly PatternNode[])[];
}

/** A pattern in document order, as the JSON is read: field writes and `$or`s, nested objects inlined. */
export type PatternEntry =
  | { readonly kind: 'field'; readonly leaf: PatternLeaf }
  | { readonly kind: 'or'; readonly alternatives: readonly (readonly PatternEntry[])[] };

/**
 * Merging two `$or`s that write the same path multiplies their alternatives (that is what
 * event-ruler does to every `$or`). Only writes of one path from several places need it, which takes
 * dotted keys or a nested object repeating its parent's `$or` paths. Past this bound the pattern is
 * refused, saying the limit is the emulator's: keeping the `$or`s apart would silently answer
 * differently from event-ruler, where the later write wins.
 */
const MAX_MERGED_ALTERNATIVES = 1024;
const TOO_MANY_MERGED_ALTERNATIVES = `$or groups writing the same path combine into more than ${MAX_MERGED_ALTERNATIVES} alternatives, which the local EventBridge emulator does not model (its limit, not EventBridge's)`;

const writesCache = new WeakMap<PatternEntry, ReadonlySet<string>>();

/** Every path an entry can write on some branch. */
function pathsWritten(entry: PatternEntry): ReadonlySet<string> {
  const cached = writesCache.get(entry);
  if (cached) return cached;
  const paths = new Set<string>();
  if (entry.kind === 'field') paths.add(entry.leaf.path);
  else
    for (const alternative of entry.alternatives)
      for (const inner of alternative) for (const path of pathsWritten(inner)) paths.add(path);
  writesCache.set(entry, paths);
  return paths;
}

/** Groups entries that write a common path (union-find over paths), keeping document order. */
function conflictGroups(entries: readonly PatternEntry[]): number[][] {
  const parent = entries.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[index] = root;
    return root;
  };
  const ownerOfPath = new Map<string, number>();
  entries.forEach((entry, index) => {
    for (const path of pathsWritten(entry)) {
      const owner = ownerOfPath.get(path);
      if (owner === undefined) ownerOfPath.set(path, index);
      else parent[find(index)] = find(owner);
    }
  });
  const groups = new Map<number, number[]>();
  entries.forEach((_, index) => {
    const root = find(index);
    const group = groups.get(root);
    if (group) group.push(index);
    else groups.set(root, [index]);
  });
  return [...groups.values()];
}

type OrEntry = Extract<PatternEntry, { kind: 'or' }>;

/**
 * One `$or` standing for a conflicting group: every combination of the group's alternatives, each
 * spelled out with the group's plain writes in their original places, so the later write still wins.
 */
function mergeGroup(group: readonly PatternEntry[]): OrEntry | undefined {
  let combinations: PatternEntry[][] = [[]];
  for (const entry of group) {
    if (entry.kind === 'field') {
      for (const combination of combinations) combination.push(entry);
      continue;
    }
    if (combinations.length * entry.alternatives.length > MAX_MERGED_ALTERNATIVES) return undefined;
    combinations = entry.alternatives.flatMap((alternative) =>
      combinations.map((combination) => [...combination, ...alternative]),
    );
  }
  return { kind: 'or', alternatives: combinations };
}

export function normalizeEntries(entries: readonly PatternEntry[]): PatternNode {
  const fields = new Map<string, PatternLeaf>();
  const ors: PatternNode[][] = [];
  const addOr = (entry: OrEntry) => ors.push(entry.alternatives.map(normalizeEntries));
  for (const indexes of conflictGroups(entries)) {
    const group = indexes.map((index) => entries[index]).filter((entry) => entry !== undefined);
    const orCount = group.filter((entry) => entry.kind === 'or').length;
    if (orCount === 0) {
      // Plain writes of one path: the last one is what event-ruler keeps.
      const last = group.at(-1);
      if (last?.kind === 'field') fields.set(last.leaf.path, last.leaf);
      continue;
    }
    const merged = group.length === 1 ? group[0] : mergeGroup(group);
    if (merged?.kind !== 'or') rejectPattern(TOO_MANY_MERGED_ALTERNATIVES);
    addOr(merged);
  }
  return { fields, ors };
}

/** How many sub-rules event-ruler would expand the tree into, stopping once past `limit`. */
export function countBranches(node: PatternNode, limit: number): number {
  let count = 1;
  for (const group of node.ors) {
    let alternatives = 0;
    for (const alternative of group) {
      alternatives += countBranches(alternative, limit);
      if (alternatives > limit) return limit + 1;
    }
    count *= alternatives;
    if (count > limit) return limit + 1;
  }
  return count;
}

/**
 * The sub-rules in event-ruler's order (each `$or` copies the sub-rules built so far once per
 * alternative, alternative by alternative). Only for trees that `countBranches` found small.
 */
export function expandBranches(node: PatternNode): Map<string, PatternLeaf>[] {
  let branches: Map<string, PatternLeaf>[] = [new Map(node.fields)];
  for (const group of node.ors) {
    const next: Map<string, PatternLeaf>[] = [];
    for (const alternative of group) {
      const alternativeBranches = expandBranches(alternative);
      for (const inner of alternativeBranches)
        for (const branch of branches) next.push(new Map([...branch, ...inner]));
    }
    branches = next;
  }
  return branches;
}

/** Every leaf of the tree, each once. */
export function collectLeaves(node: PatternNode, into: PatternLeaf[] = []): PatternLeaf[] {
  into.push(...node.fields.values());
  for (const group of node.ors) for (const alternative of group) collectLeaves(alternative, into);
  return into;
}
