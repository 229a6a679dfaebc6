/**
 * The "complexity" event-ruler's MachineComplexityEvaluator gives one field's byte machine: the
 * most wildcard-rule prefixes that one input can match at the same time, each automaton state
 * counting the distinct wildcard patterns reachable from it. EventBridge refuses a rule whose
 * machine reaches its limit ("Rule is too complex ...").
 *
 * The automaton is built the way event-ruler builds it: values are matched as UTF-8 bytes including
 * the JSON quotes around them; the determinate prefix (up to and including the first `*`) is shared
 * between values, everything after a `*` is private to its value; a `*` is a state that loops on
 * every byte, and the byte after it can also be reached straight from the state before it (the
 * star matching nothing). The maximum is found by walking the reachable sets of states (subset
 * construction), stopping as soon as the limit is reached.
 */

/** A byte of a wildcard value, or `STAR` for an unescaped `*`. */
export type WildcardByte = number;
export const STAR: WildcardByte = -1;

/** One wildcard pattern of a field: its identity and the byte strings it matches. */
export interface WildcardTerm {
  /** Values of one pattern count once per state (an anything-but list is one pattern). */
  readonly identity: string;
  readonly values: readonly (readonly WildcardByte[])[];
}

interface State {
  /** byte → next states. */
  readonly literal: Map<number, number[]>;
  /** States entered on any byte: a `*` state after this one, and a `*` state's own loop. */
  readonly any: number[];
  /** Identities of the patterns reachable from this state. */
  readonly patterns: Set<string>;
  /** Determinate prefix sharing: byte → state, and the shared first `*`. */
  readonly prefix: Map<number, number>;
  star?: number;
}

const newState = (): State => ({ literal: new Map(), any: [], patterns: new Set(), prefix: new Map() });

/** Bytes outside every literal behave alike; this stands for all of them. */
const OTHER_BYTE = 256;

/**
 * Past this many distinct state sets the walk gives up and reports the limit: no pattern short
 * enough for EventBridge's 4096-character limit needs that many below the limit.
 */
const MAX_STATE_SETS = 50_000;

function addEdge(from: State, byte: number, to: number): void {
  const targets = from.literal.get(byte);
  if (targets) targets.push(to);
  else from.literal.set(byte, [to]);
}

function buildAutomaton(terms: readonly WildcardTerm[]): State[] {
  const states: State[] = [newState()];
  const create = (): number => {
    states.push(newState());
    return states.length - 1;
  };
  const at = (index: number): State => states[index] ?? states[0] ?? newState();
  // A pattern added twice is the same pattern to event-ruler.
  const unique = new Map(terms.map((term) => [term.identity, term]));
  for (const term of unique.values()) {
    let finalState: number | undefined;
    for (const value of term.values) {
      let current = 0;
      let beforeStar: number | undefined;
      let determinate = true;
      value.forEach((token, position) => {
        let next: number;
        if (token === STAR) {
          const shared = determinate ? at(current).star : undefined;
          next = shared ?? create();
          if (shared === undefined) {
            at(current).any.push(next);
            at(next).any.push(next);
            if (determinate) at(current).star = next;
          }
          determinate = false;
          beforeStar = current;
        } else if (position === value.length - 1) {
          // The closing quote: values of one pattern end in one accepting state.
          next = finalState ?? create();
          finalState = next;
          addEdge(at(current), token, next);
          if (beforeStar !== undefined && value[position - 1] === STAR) addEdge(at(beforeStar), token, next);
        } else if (determinate) {
          const existing = at(current).prefix.get(token);
          next = existing ?? create();
          if (existing === undefined) {
            at(current).prefix.set(token, next);
            addEdge(at(current), token, next);
          }
        } else {
          next = create();
          addEdge(at(current), token, next);
          if (beforeStar !== undefined && value[position - 1] === STAR) addEdge(at(beforeStar), token, next);
        }
        at(next).patterns.add(term.identity);
        current = next;
      });
    }
  }
  return states;
}

/**
 * The field's complexity, or `limit` as soon as some input reaches it.
 *
 * @example wildcardComplexity([{ identity: 'a', values: [[STAR, 0x61, 0x62]] }], 100); // 2
 */
export function wildcardComplexity(terms: readonly WildcardTerm[], limit: number): number {
  const states = buildAutomaton(terms);
  if (states.length === 1) return 0;
  const weight = (index: number) => states[index]?.patterns.size ?? 0;
  const alphabet = new Set<number>([OTHER_BYTE]);
  for (const state of states) for (const byte of state.literal.keys()) alphabet.add(byte);

  let maximum = 0;
  const seen = new Set<string>(['0']);
  const pending: number[][] = [[0]];
  for (let active = pending.pop(); active; active = pending.pop()) {
    for (const byte of alphabet) {
      const next = new Set<number>();
      for (const index of active) {
        const state = states[index];
        if (!state) continue;
        for (const target of state.any) next.add(target);
        for (const target of state.literal.get(byte) ?? []) next.add(target);
      }
      if (next.size === 0) continue;
      // A value that reached "foo" also matches "foo*", so that star's patterns count too.
      let complexity = 0;
      for (const index of next) {
        complexity += weight(index);
        for (const star of states[index]?.any ?? []) if (!next.has(star)) complexity += weight(star);
      }
      if (complexity >= limit) return limit;
      maximum = Math.max(maximum, complexity);
      const sorted = [...next].sort((a, b) => a - b);
      const key = sorted.join(',');
      if (seen.has(key)) continue;
      if (seen.size >= MAX_STATE_SETS) return limit;
      seen.add(key);
      pending.push(sorted);
    }
  }
  return maximum;
}
