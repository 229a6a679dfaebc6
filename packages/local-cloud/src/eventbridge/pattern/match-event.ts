import { consistentChoiceExists, SearchBudget, type Trail } from './array-consistency.js';
import type { CompiledPattern } from './compile-pattern.js';
import type { EventField, FlattenedEvent } from './flatten-event.js';
import { matchesValue } from './match-value.js';
import type { ValueMatcher } from './matchers.js';
import { collectLeaves, type PatternLeaf, type PatternNode } from './pattern-tree.js';

/**
 * Matches an event against the pattern tree without expanding `$or`s: each leaf is looked up once,
 * and array consistency (fields used together must come from the same array element) only costs a
 * search when fields that live inside a shared array meet in one branch.
 */

/** What one leaf needs from the event. */
type LeafOutcome =
  | { readonly kind: 'unmet' }
  /** Satisfied whatever else is chosen: by a field outside arrays, or by absence. */
  | { readonly kind: 'met' }
  /** Satisfied only by fields inside arrays, whose elements must agree with the rest of the branch. */
  | { readonly kind: 'in-arrays'; readonly trails: readonly Trail[] };

const UNMET: LeafOutcome = { kind: 'unmet' };
const MET: LeafOutcome = { kind: 'met' };

/** Bounds the branch search for the rare pattern whose `$or` alternatives compete for one array. */
const SEARCH_STEPS = 10_000;

function evaluateLeaf(leaf: PatternLeaf, fields: readonly EventField[]): LeafOutcome {
  const { matchers } = leaf;
  const wantsPresent = matchers.some((m) => m.kind === 'exists' && m.value);
  // exists:false is about the whole event: the path must not hold any leaf at all.
  if (fields.length === 0) return matchers.some((m) => m.kind === 'exists' && !m.value) ? MET : UNMET;
  const valueMatchers = matchers.filter((m): m is ValueMatcher => m.kind !== 'exists');
  const trails: Trail[] = [];
  for (const field of fields) {
    if (!wantsPresent && !valueMatchers.some((matcher) => matchesValue(matcher, field.value))) continue;
    if (field.trail.length === 0) return MET;
    trails.push(field.trail);
  }
  return trails.length > 0 ? { kind: 'in-arrays', trails } : UNMET;
}

class Evaluation {
  private readonly outcomes = new Map<PatternLeaf, LeafOutcome>();
  private readonly entangledSubtrees = new Map<PatternNode, boolean>();
  private readonly plainResults = new Map<PatternNode, boolean>();
  private entangled: ReadonlySet<PatternLeaf> | undefined;
  readonly budget = new SearchBudget(SEARCH_STEPS);

  constructor(
    private readonly pattern: CompiledPattern,
    private readonly event: FlattenedEvent,
  ) {}

  outcome(leaf: PatternLeaf): LeafOutcome {
    let outcome = this.outcomes.get(leaf);
    if (!outcome) {
      outcome = evaluateLeaf(leaf, this.event.get(leaf.path) ?? []);
      this.outcomes.set(leaf, outcome);
    }
    return outcome;
  }

  /**
   * The first branch that holds if fields inside arrays are taken one by one, with the trails it
   * relies on; undefined when no branch holds even then (so none holds at all). `untried` tells
   * whether some `$or` still had alternatives after the one taken.
   */
  optimisticBranch(node: PatternNode, found: { untried: boolean }): (readonly Trail[])[] | undefined {
    const constraints: (readonly Trail[])[] = [];
    for (const leaf of node.fields.values()) {
      const outcome = this.outcome(leaf);
      if (outcome.kind === 'unmet') return undefined;
      if (outcome.kind === 'in-arrays') constraints.push(outcome.trails);
    }
    for (const group of node.ors) {
      const taken = group.findIndex((alternative) => {
        const branch = this.optimisticBranch(alternative, found);
        if (branch) constraints.push(...branch);
        return branch !== undefined;
      });
      if (taken === -1) return undefined;
      if (taken < group.length - 1) found.untried = true;
    }
    return constraints;
  }

  /** Leaves inside arrays that share an array with another such leaf: only these need a search. */
  private entangledLeaves(): ReadonlySet<PatternLeaf> {
    if (this.entangled) return this.entangled;
    const leavesByArray = new Map<number, Set<PatternLeaf>>();
    for (const leaf of collectLeaves(this.pattern.root)) {
      const outcome = this.outcome(leaf);
      if (outcome.kind !== 'in-arrays') continue;
      for (const trail of outcome.trails) {
        const topArray = trail[0]?.[0];
        if (topArray === undefined) continue;
        const leaves = leavesByArray.get(topArray) ?? new Set<PatternLeaf>();
        leaves.add(leaf);
        leavesByArray.set(topArray, leaves);
      }
    }
    const entangled = new Set<PatternLeaf>();
    for (const leaves of leavesByArray.values())
      if (leaves.size > 1) for (const leaf of leaves) entangled.add(leaf);
    this.entangled = entangled;
    return entangled;
  }

  private hasEntangled(node: PatternNode): boolean {
    let result = this.entangledSubtrees.get(node);
    if (result === undefined) {
      const entangled = this.entangledLeaves();
      result =
        [...node.fields.values()].some((leaf) => entangled.has(leaf)) ||
        node.ors.some((group) => group.some((alternative) => this.hasEntangled(alternative)));
      this.entangledSubtrees.set(node, result);
    }
    return result;
  }

  /** For a subtree without entangled leaves, where every leaf stands on its own. */
  private plain(node: PatternNode): boolean {
    let result = this.plainResults.get(node);
    if (result === undefined) {
      result =
        [...node.fields.values()].every((leaf) => this.outcome(leaf).kind !== 'unmet') &&
        node.ors.every((group) => group.some((alternative) => this.plain(alternative)));
      this.plainResults.set(node, result);
    }
    return result;
  }

  /** A node's own requirements: entangled trails to reconcile and the `$or`s still to decide. */
  private enter(
    node: PatternNode,
  ): { constraints: (readonly Trail[])[]; decisions: (readonly PatternNode[])[] } | undefined {
    const entangled = this.entangledLeaves();
    const constraints: (readonly Trail[])[] = [];
    for (const leaf of node.fields.values()) {
      const outcome = this.outcome(leaf);
      if (outcome.kind === 'unmet') return undefined;
      if (outcome.kind === 'in-arrays' && entangled.has(leaf)) constraints.push(outcome.trails);
    }
    const decisions: (readonly PatternNode[])[] = [];
    for (const group of node.ors) {
      if (group.some((alternative) => this.hasEntangled(alternative))) decisions.push(group);
      else if (!group.some((alternative) => this.plain(alternative))) return undefined;
    }
    return { constraints, decisions };
  }

  private decide(
    decisions: readonly (readonly PatternNode[])[],
    chosen: readonly (readonly Trail[])[],
  ): boolean {
    const [group, ...rest] = decisions;
    if (!group) return true;
    for (const alternative of group) {
      if (!this.budget.spend()) return false;
      const entered = this.enter(alternative);
      if (!entered) continue;
      const constraints = [...chosen, ...entered.constraints];
      if (entered.constraints.length > 0 && !consistentChoiceExists(constraints, this.budget)) continue;
      if (this.decide([...entered.decisions, ...rest], constraints)) return true;
    }
    return false;
  }

  /** The exact answer: some choice of alternatives whose entangled fields agree on array elements. */
  search(): boolean {
    const entered = this.enter(this.pattern.root);
    if (!entered) return false;
    if (entered.constraints.length > 0 && !consistentChoiceExists(entered.constraints, this.budget))
      return false;
    return this.decide(entered.decisions, entered.constraints);
  }
}

export function matchesCompiledPattern(pattern: CompiledPattern, event: FlattenedEvent): boolean {
  const evaluation = new Evaluation(pattern, event);
  const found = { untried: false };
  const branch = evaluation.optimisticBranch(pattern.root, found);
  if (!branch) return false;
  if (branch.length === 0 || consistentChoiceExists(branch, evaluation.budget)) return true;
  // Only another choice of alternatives could still match.
  return found.untried && evaluation.search();
}
