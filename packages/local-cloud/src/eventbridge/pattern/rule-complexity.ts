import { rejectPattern } from './invalid-event-pattern-error.js';
import type { Matcher } from './matchers.js';
import {
  collectLeaves,
  countBranches,
  expandBranches,
  type PatternLeaf,
  type PatternNode,
} from './pattern-tree.js';
import type { WildcardToken } from './wildcard.js';
import { STAR, type WildcardByte, type WildcardTerm, wildcardComplexity } from './wildcard-complexity.js';

/**
 * The highest wildcard complexity EventBridge accepts. EventBridge adds each rule to an event-ruler
 * machine and refuses it when MachineComplexityEvaluator finds a field above this. AWS does not
 * publish the number. Outcomes observed on AWS put it at 9 or 10: refused at 11
 * (`*:*:*:*:*:event-bus/*`, recorded by LocalStack), 12 and 16; accepted at 9, 8, 7 and 3. An
 * emulator calibrated against AWS states "more than ten" is refused, which is the reading used here.
 */
export const MAX_RULE_COMPLEXITY = 10;

export const RULE_TOO_COMPLEX =
  'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character';

/**
 * event-ruler evaluates the machine built from the expanded sub-rules, where fields that different
 * `$or` branches reach through the same earlier fields share one byte machine. Past this many
 * sub-rules the expansion is not built: every wildcard of a path is put in one machine instead, an
 * upper bound of what event-ruler would build.
 */
const MAX_SUB_RULES_MODELLED = 4096;

const QUOTE = 0x22;
const utf8 = new TextEncoder();

function toBytes(tokens: readonly WildcardToken[]): WildcardByte[] {
  const bytes: WildcardByte[] = [QUOTE];
  for (const token of tokens) {
    if (token.kind === 'star') bytes.push(STAR);
    else bytes.push(...utf8.encode(token.text));
  }
  bytes.push(QUOTE);
  return bytes;
}

function stableText(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner instanceof Set ? [...inner].map(String).sort() : inner,
  );
}

/** How event-ruler tells patterns apart: a number is both a numeric and an exact pattern. */
function identitiesOf(matcher: Matcher): string[] {
  if (matcher.kind === 'exact-number') return [`numeric:${matcher.comparable}`, `exact:${matcher.value}`];
  return [stableText(matcher)];
}

function wildcardTermOf(matcher: Matcher): WildcardTerm | undefined {
  if (matcher.kind === 'wildcard')
    return { identity: stableText(matcher), values: [toBytes(matcher.tokens)] };
  if (matcher.kind === 'anything-but-wildcard')
    return { identity: stableText(matcher), values: matcher.values.map(toBytes) };
  return undefined;
}

/** event-ruler's NameState: one byte machine per field name, and the states `exists: false` leads to. */
interface NameState {
  readonly machines: Map<string, FieldMachine>;
  readonly absent: Map<string, NameState>;
}

interface FieldMachine {
  /** pattern identity → the name state its match leads to. */
  readonly next: Map<string, NameState>;
  readonly wildcards: Map<string, WildcardTerm>;
}

const newNameState = (): NameState => ({ machines: new Map(), absent: new Map() });

/**
 * Adds one sub-rule the way event-ruler's addRule does: fields in sorted order; a pattern already in
 * a machine leads to its existing name state, and the sub-rule's new patterns for a field share the
 * name state it last used for that field.
 */
function addSubRule(root: NameState, subRule: ReadonlyMap<string, PatternLeaf>): void {
  let states = new Set<NameState>([root]);
  for (const path of [...subRule.keys()].sort()) {
    const matchers = subRule.get(path)?.matchers ?? [];
    const nextStates = new Set<NameState>();
    for (const state of states) {
      let machine = state.machines.get(path);
      let last: NameState | undefined;
      for (const matcher of matchers) {
        if (matcher.kind === 'exists' && !matcher.value) {
          const absentState = state.absent.get(path) ?? newNameState();
          state.absent.set(path, absentState);
          nextStates.add(absentState);
          continue;
        }
        if (!machine) {
          machine = { next: new Map(), wildcards: new Map() };
          state.machines.set(path, machine);
        }
        const term = wildcardTermOf(matcher);
        if (term) machine.wildcards.set(term.identity, term);
        for (const identity of identitiesOf(matcher)) {
          const existing = machine.next.get(identity);
          if (existing) last = existing;
          else {
            last ??= newNameState();
            machine.next.set(identity, last);
          }
          nextStates.add(last);
        }
      }
    }
    states = nextStates;
  }
}

/** The machines MachineComplexityEvaluator visits: through value matches only, never `exists: false`. */
function* machinesReachable(root: NameState): Generator<FieldMachine> {
  const seen = new Set<NameState>();
  const pending = [root];
  for (let state = pending.pop(); state; state = pending.pop()) {
    if (seen.has(state)) continue;
    seen.add(state);
    for (const machine of state.machines.values()) {
      yield machine;
      pending.push(...machine.next.values());
    }
  }
}

function wildcardsByPath(leaves: readonly PatternLeaf[]): Map<string, Map<string, WildcardTerm>> {
  const byPath = new Map<string, Map<string, WildcardTerm>>();
  for (const leaf of leaves) {
    for (const matcher of leaf.matchers) {
      const term = wildcardTermOf(matcher);
      if (!term) continue;
      const terms = byPath.get(leaf.path) ?? new Map<string, WildcardTerm>();
      terms.set(term.identity, term);
      byPath.set(leaf.path, terms);
    }
  }
  return byPath;
}

function fieldWildcardSets(root: PatternNode): Iterable<ReadonlyMap<string, WildcardTerm>> {
  const byPath = wildcardsByPath(collectLeaves(root));
  if (byPath.size === 0) return [];
  if (countBranches(root, MAX_SUB_RULES_MODELLED) > MAX_SUB_RULES_MODELLED) return byPath.values();
  const machineRoot = newNameState();
  for (const subRule of expandBranches(root)) addSubRule(machineRoot, subRule);
  return [...machinesReachable(machineRoot)].map((machine) => machine.wildcards);
}

/** Throws EventBridge's "Rule is too complex" error for a pattern whose wildcards reach the limit. */
export function checkRuleComplexity(root: PatternNode): void {
  for (const terms of fieldWildcardSets(root)) {
    if (terms.size === 0) continue;
    if (wildcardComplexity([...terms.values()], MAX_RULE_COMPLEXITY + 1) > MAX_RULE_COMPLEXITY)
      rejectPattern(RULE_TOO_COMPLEX);
  }
}
