import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './index.js';

/**
 * The matcher keeps `$or` as a tree and reconciles arrays by walking them; event-ruler expands every
 * `$or` into sub-rules (a later write to a path replacing the earlier one) and then looks for one
 * field per path with agreeing array elements. This test checks both give the same answer on many
 * small random patterns and events, with a reference written the expanding, brute-force way.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Value = string | number | { exists: boolean };
type SubRule = Map<string, Value[]>;

function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

const KEYS = ['a', 'b', 'c', 'a.b'];
const VALUES: Value[] = ['x', 'y', 1, { exists: true }, { exists: false }];

function randomPattern(rng: ReturnType<typeof random>, depth: number, allowOr = true): Record<string, Json> {
  const pattern: Record<string, Json> = {};
  const count = 1 + Math.floor(rng.next() * 3);
  for (let i = 0; i < count; i++) {
    const roll = rng.next();
    if (allowOr && depth < 3 && roll < 0.25) {
      const alternatives = 2 + Math.floor(rng.next() * 2);
      pattern.$or = Array.from({ length: alternatives }, () => randomPattern(rng, depth + 1));
    } else if (depth < 3 && roll < 0.45) {
      pattern[rng.pick(KEYS)] = randomPattern(rng, depth + 1);
    } else {
      const values = Array.from({ length: 1 + Math.floor(rng.next() * 2) }, () => rng.pick(VALUES));
      pattern[rng.pick(KEYS)] = values as Json;
    }
  }
  return pattern;
}

function randomEventValue(rng: ReturnType<typeof random>, depth: number): Json {
  const roll = rng.next();
  if (depth < 3 && roll < 0.3) return randomEvent(rng, depth + 1);
  if (depth < 3 && roll < 0.55)
    return Array.from({ length: 1 + Math.floor(rng.next() * 3) }, () => randomEventValue(rng, depth + 1));
  return rng.pick(['x', 'y', 1, 'z']);
}

function randomEvent(rng: ReturnType<typeof random>, depth = 0): { [key: string]: Json } {
  const event: { [key: string]: Json } = {};
  const count = 1 + Math.floor(rng.next() * 3);
  for (let i = 0; i < count; i++) event[rng.pick(KEYS)] = randomEventValue(rng, depth);
  return event;
}

/** event-ruler's JsonRuleCompiler: writes go into every sub-rule, `$or` copies them per alternative. */
function expand(pattern: Record<string, Json>): SubRule[] {
  const rules: SubRule[] = [];
  const parseObject = (object: Record<string, Json>, path: string[], into: SubRule[]) => {
    for (const [key, value] of Object.entries(object)) {
      if (key === '$or') {
        const current = into.map((rule) => new Map(rule));
        into.length = 0;
        for (const alternative of value as Record<string, Json>[]) {
          const copies = current.map((rule) => new Map(rule));
          if (copies.length === 0) copies.push(new Map());
          parseObject(alternative, path, copies);
          into.push(...copies);
        }
      } else if (Array.isArray(value)) {
        if (into.length === 0) into.push(new Map());
        for (const rule of into) rule.set([...path, key].join('.'), value as Value[]);
      } else {
        parseObject(value as Record<string, Json>, [...path, key], into);
      }
    }
  };
  parseObject(pattern, [], rules);
  return rules;
}

interface Leaf {
  readonly path: string;
  readonly value: Json;
  readonly trail: readonly [number, number][];
}

function leavesOf(event: Json): Leaf[] {
  const leaves: Leaf[] = [];
  let arrays = 0;
  const visit = (value: Json, path: string, trail: [number, number][]) => {
    if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((element, index) => {
        visit(element, path, [...trail, [id, index]]);
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key, trail);
    } else leaves.push({ path, value, trail });
  };
  visit(event, '', []);
  return leaves;
}

function agree(trails: readonly (readonly [number, number][])[]): boolean {
  const chosen = new Map<number, number>();
  for (const trail of trails)
    for (const [id, index] of trail) {
      if ((chosen.get(id) ?? index) !== index) return false;
      chosen.set(id, index);
    }
  return true;
}

function referenceMatch(pattern: Record<string, Json>, event: Json): boolean {
  const leaves = leavesOf(event);
  return expand(pattern).some((rule) => {
    const options: (readonly [number, number][])[][] = [];
    for (const [path, values] of rule) {
      const atPath = leaves.filter((leaf) => leaf.path === path);
      if (atPath.length === 0) {
        if (values.some((value) => typeof value === 'object' && !value.exists)) continue;
        return false;
      }
      const present = values.some((value) => typeof value === 'object' && value.exists);
      const matching = atPath.filter((leaf) => present || values.some((value) => value === leaf.value));
      if (matching.length === 0) return false;
      options.push(matching.map((leaf) => leaf.trail));
    }
    // Brute force over one candidate per path.
    const choose = (at: number, picked: (readonly [number, number][])[]): boolean => {
      const candidates = options[at];
      if (!candidates) return agree(picked);
      return candidates.some((trail) => choose(at + 1, [...picked, trail]));
    };
    return choose(0, []);
  });
}

describe('tree matching agrees with event-ruler-style expansion', () => {
  // About 1 s alone; several on a loaded 2-core machine, past vitest's default 5 s.
  it('on 4000 random patterns and events', { timeout: 60_000 }, () => {
    const rng = random(20240613);
    let matched = 0;
    for (let run = 0; run < 4000; run++) {
      const pattern = randomPattern(rng, 0);
      const event = randomEvent(rng);
      const expected = referenceMatch(pattern, event);
      if (expected) matched++;
      expect(
        matchesEventPattern(pattern, event),
        `pattern ${JSON.stringify(pattern)} event ${JSON.stringify(event)}`,
      ).toBe(expected);
    }
    // The sample exercises both answers, not only the trivial one.
    expect(matched).toBeGreaterThan(400);
    expect(matched).toBeLessThan(3600);
  });

  it('lets a later write replace an earlier one across $or, as event-ruler does', () => {
    const event = { a: 'x', b: 'y' };
    // "a" before the $or is replaced in the alternative that writes "a" again.
    expect(matchesEventPattern({ a: ['z'], $or: [{ a: ['x'] }, { b: ['nope'] }] }, event)).toBe(true);
    expect(matchesEventPattern({ a: ['z'], $or: [{ c: ['x'] }, { b: ['y'] }] }, event)).toBe(false);
    // "a" after the $or replaces what every alternative said about it.
    expect(matchesEventPattern({ $or: [{ a: ['z'] }, { a: ['w'] }], a: ['x'] }, event)).toBe(true);
    // Two $ors writing the same path ("a.b"): in the branch taking both, the later one wins.
    const twoOrs = { $or: [{ a: { b: ['z'] } }, { c: ['y'] }], a: { $or: [{ b: ['x'] }, { d: ['q'] }] } };
    expect(matchesEventPattern(twoOrs, { a: { b: 'x' } })).toBe(true);
    expect(matchesEventPattern(twoOrs, { a: { b: 'z' } })).toBe(false);
  });
});
