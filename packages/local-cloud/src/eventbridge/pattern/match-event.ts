import type { CompiledPattern, PatternBranch } from './compile-pattern.js';
import type { EventField, FlattenedEvent } from './flatten-event.js';
import { matchesValue } from './match-value.js';
import type { Matcher, ValueMatcher } from './matchers.js';

type Trail = EventField['trail'];
/** The fields that can satisfy one path; an empty trail stands for "satisfied by absence". */
type Candidates = readonly Trail[];

const ABSENT: Trail = [];

function candidatesFor(matchers: readonly Matcher[], fields: readonly EventField[]): Candidates {
  const wantsPresent = matchers.some((m) => m.kind === 'exists' && m.value);
  const acceptsAbsent = matchers.some((m) => m.kind === 'exists' && !m.value);
  const valueMatchers = matchers.filter((m): m is ValueMatcher => m.kind !== 'exists');
  // exists:false is about the whole event: the path must not hold any leaf at all.
  if (fields.length === 0) return acceptsAbsent ? [ABSENT] : [];
  return fields
    .filter((field) => wantsPresent || valueMatchers.some((matcher) => matchesValue(matcher, field.value)))
    .map((field) => field.trail);
}

/** Adds a field's trail to the array positions chosen so far; undefined when they disagree. */
function combine(chosen: ReadonlyMap<number, number>, trail: Trail): Map<number, number> | undefined {
  const combined = new Map(chosen);
  for (const [arrayId, index] of trail) {
    const existing = combined.get(arrayId);
    if (existing !== undefined && existing !== index) return undefined;
    combined.set(arrayId, index);
  }
  return combined;
}

function someConsistentChoice(
  options: readonly Candidates[],
  at: number,
  chosen: ReadonlyMap<number, number>,
): boolean {
  const candidates = options[at];
  if (!candidates) return true;
  for (const trail of candidates) {
    const combined = trail.length === 0 ? chosen : combine(chosen, trail);
    if (combined && someConsistentChoice(options, at + 1, combined)) return true;
  }
  return false;
}

function matchesBranch(branch: PatternBranch, event: FlattenedEvent): boolean {
  const options: Candidates[] = [];
  for (const [path, matchers] of branch) {
    const candidates = candidatesFor(matchers, event.get(path) ?? []);
    if (candidates.length === 0) return false;
    options.push(candidates);
  }
  // Most fields come from outside arrays: only search combinations when array positions matter.
  if (options.every((candidates) => candidates.some((trail) => trail.length === 0))) return true;
  options.sort((a, b) => a.length - b.length);
  return someConsistentChoice(options, 0, new Map());
}

export function matchesCompiledPattern(pattern: CompiledPattern, event: FlattenedEvent): boolean {
  return pattern.branches.some((branch) => matchesBranch(branch, event));
}
