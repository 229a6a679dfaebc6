import { toComparable, toComparableOrThrow } from './comparable-number.js';
import { rejectPattern } from './invalid-event-pattern-error.js';
import { looksLikeIpAddress, parseCidr, parseIpAddress } from './ip-address.js';
import type { Matcher } from './matchers.js';
import { collectLeaves, normalizeEntries, type PatternEntry, type PatternNode } from './pattern-tree.js';
import { checkRuleComplexity } from './rule-complexity.js';
import { parseWildcard } from './wildcard.js';

/**
 * Compiles an event pattern the way event-ruler (the engine behind EventBridge) does: fields are
 * flattened to dot-joined paths, `$or` offers alternative sets of fields, and every check runs in
 * document order so the first problem reported is the one EventBridge reports. `$or` stays a tree
 * node (see pattern-tree.ts) instead of being expanded into every combination.
 */

export interface CompiledPattern {
  /** The event matches when the tree holds for it. */
  readonly root: PatternNode;
  /** Every path the pattern looks at: the rest of an event can be skipped. */
  readonly paths: readonly string[];
}

const OR_KEYWORD = '$or';

/** Words event-ruler reserves inside `$or` objects because they would be ambiguous there. */
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How Jackson prints the token a message refers to. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isObject(value)) return '{';
  return typeof value === 'string' ? value : String(value);
}

const compiledPatterns = new WeakSet<CompiledPattern>();

/** Tells a compiled pattern apart from a raw one that happens to have the same shape. */
export function isCompiledPattern(value: unknown): value is CompiledPattern {
  // WeakSet.has answers false for anything that is not an object: no guard needed.
  return compiledPatterns.has(value as CompiledPattern);
}

export function compilePattern(pattern: unknown): CompiledPattern {
  if (!isObject(pattern)) rejectPattern('Filter is not an object');
  const entries: PatternEntry[] = [];
  compileObject(pattern, [], entries, false);
  const root = normalizeEntries(entries);
  const compiled: CompiledPattern = {
    root,
    paths: [...new Set(collectLeaves(root).map((leaf) => leaf.path))],
  };
  // EventBridge adds a rule to its matching machine only after the whole pattern parsed.
  checkRuleComplexity(root);
  compiledPatterns.add(compiled);
  return compiled;
}

function compileObject(object: JsonObject, path: string[], entries: PatternEntry[], insideOr: boolean): void {
  const keys = Object.entries(object);
  if (keys.length === 0) rejectPattern('Empty objects are not allowed');
  for (const [key, value] of keys) {
    if (key === OR_KEYWORD) {
      entries.push(compileOr(value, path));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(key)) {
      rejectPattern(`${key} is Ruler reserved fieldName which cannot be used inside ${OR_KEYWORD}.`);
    }
    if (Array.isArray(value)) {
      const fieldPath = [...path, key].join('.');
      entries.push({ kind: 'field', leaf: { path: fieldPath, matchers: compileValueList(value) } });
    } else if (isObject(value)) {
      compileObject(value, [...path, key], entries, insideOr);
    } else {
      rejectPattern(`"${key}" must be an object or an array`);
    }
  }
}

function compileOr(value: unknown, path: string[]): PatternEntry {
  if (!Array.isArray(value)) rejectPattern(`It must be an Array followed with ${OR_KEYWORD}.`);
  const alternatives: PatternEntry[][] = [];
  for (const alternative of value) {
    if (!isObject(alternative))
      rejectPattern(`Only JSON object is allowed in array of ${OR_KEYWORD} relationship.`);
    const entries: PatternEntry[] = [];
    compileObject(alternative, path, entries, true);
    alternatives.push(entries);
  }
  if (value.length < 2) rejectPattern(`There must have at least 2 Objects in ${OR_KEYWORD} relationship.`);
  return { kind: 'or', alternatives };
}

function compileValueList(values: readonly unknown[]): Matcher[] {
  const matchers: Matcher[] = [];
  for (const value of values) {
    if (isObject(value)) {
      matchers.push(compileMatchExpression(value));
    } else if (typeof value === 'string') {
      // event-ruler turns an exact value that is an IP literal into an address comparison.
      const address = looksLikeIpAddress(value) ? parseIpAddress(value) : undefined;
      matchers.push(address ? { kind: 'exact-ip', address } : { kind: 'exact-string', value });
    } else if (typeof value === 'number') {
      matchers.push({ kind: 'exact-number', value, comparable: toComparable(value) });
    } else if (typeof value === 'boolean' || value === null) {
      matchers.push({ kind: 'literal', value });
    } else {
      rejectPattern('Match value must be String, number, true, false, or null');
    }
  }
  if (matchers.length === 0) rejectPattern('Empty arrays are not allowed');
  return matchers;
}

function rejectExtraKeys(keys: readonly string[], reason = 'Only one key allowed in match expression'): void {
  if (keys.length > 1) rejectPattern(reason);
}

const TOO_MANY_NUMERIC = 'Too many elements in numeric expression';

function compileMatchExpression(expression: JsonObject): Matcher {
  const keys = Object.keys(expression);
  const [operator] = keys;
  if (operator === undefined) return rejectPattern('Match expression name not found');
  const operand = expression[operator];
  switch (operator) {
    case 'exactly': {
      if (typeof operand !== 'string') rejectPattern('exact match pattern must be a string');
      rejectExtraKeys(keys);
      return { kind: 'exact-string', value: operand };
    }
    case 'prefix':
    case 'suffix': {
      if (isObject(operand)) {
        const value = compileIgnoreCaseAffix(operator, operand);
        rejectExtraKeys(keys);
        return { kind: operator, value, ignoreCase: true };
      }
      if (typeof operand !== 'string') rejectPattern(`${operator} match pattern must be a string`);
      rejectExtraKeys(keys);
      return { kind: operator, value: operand, ignoreCase: false };
    }
    case 'numeric': {
      if (!Array.isArray(operand)) rejectPattern('Value of numeric must be an array.');
      const matcher = compileNumeric(operand);
      rejectExtraKeys(keys, TOO_MANY_NUMERIC);
      return matcher;
    }
    case 'anything-but':
      return compileAnythingBut(operand, keys);
    case 'exists': {
      if (typeof operand !== 'boolean') rejectPattern('exists match pattern must be either true or false.');
      rejectExtraKeys(keys);
      return { kind: 'exists', value: operand };
    }
    case 'cidr': {
      // event-ruler reports a non-string cidr with the prefix wording; EventBridge passes it through.
      if (typeof operand !== 'string') rejectPattern('prefix match pattern must be a string');
      const range = parseCidr(operand, rejectPattern);
      rejectExtraKeys(keys);
      return { kind: 'cidr', range };
    }
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') rejectPattern('equals-ignore-case match pattern must be a string');
      rejectExtraKeys(keys);
      return { kind: 'equals-ignore-case', value: operand };
    }
    case 'wildcard': {
      if (typeof operand !== 'string') rejectPattern('wildcard match pattern must be a string');
      const tokens = parseWildcard(operand, rejectPattern);
      rejectExtraKeys(keys);
      return { kind: 'wildcard', tokens };
    }
    default:
      return rejectPattern(`Unrecognized match type ${operator}`);
  }
}

/** `{"prefix": {"equals-ignore-case": "x"}}` and the suffix twin. */
function compileIgnoreCaseAffix(operator: 'prefix' | 'suffix', inner: JsonObject): string {
  const keys = Object.keys(inner);
  const [innerOperator] = keys;
  const label = operator === 'prefix' ? 'Prefix' : 'Suffix';
  if (innerOperator === undefined) return rejectPattern(`${label} expression name not found`);
  if (innerOperator !== 'equals-ignore-case')
    rejectPattern(`Unsupported ${operator} pattern: ${innerOperator}`);
  const value = inner[innerOperator];
  if (typeof value !== 'string') return rejectPattern('equals-ignore-case match pattern must be a string');
  rejectExtraKeys(keys);
  return value;
}

function compileNumeric(terms: readonly unknown[]): Matcher {
  const [operator, operand] = terms;
  if (typeof operator !== 'string')
    return rejectPattern(`Invalid member in numeric match: ${tokenText(operator)}`);
  const comparable = (value: number) => toComparableOrThrow(value, rejectPattern);
  switch (operator) {
    case '=': {
      if (typeof operand !== 'number') return rejectPattern('Value of equals must be numeric');
      if (terms.length > 2) rejectPattern(TOO_MANY_NUMERIC);
      const value = comparable(operand);
      return { kind: 'numeric', lower: { value, inclusive: true }, upper: { value, inclusive: true } };
    }
    case '>':
    case '>=': {
      if (typeof operand !== 'number') return rejectPattern(`Value of ${operator} must be numeric`);
      const lower = { value: comparable(operand), inclusive: operator === '>=' };
      if (terms.length === 2) return { kind: 'numeric', lower };
      return { kind: 'numeric', lower, upper: compileUpperBound(terms, lower.value) };
    }
    case '<':
    case '<=': {
      if (typeof operand !== 'number') return rejectPattern(`Value of ${operator} must be numeric`);
      if (terms.length > 2) rejectPattern(TOO_MANY_NUMERIC);
      return { kind: 'numeric', upper: { value: comparable(operand), inclusive: operator === '<=' } };
    }
    default:
      return rejectPattern(`Unrecognized numeric range operator: ${operator}`);
  }
}

function compileUpperBound(terms: readonly unknown[], lower: number): { value: number; inclusive: boolean } {
  const operator = terms[2];
  if (typeof operator !== 'string')
    return rejectPattern(`Bad value in numeric range: ${tokenText(operator)}`);
  if (operator !== '<' && operator !== '<=') return rejectPattern(`Bad numeric range operator: ${operator}`);
  const operand = terms[3];
  if (typeof operand !== 'number') return rejectPattern(`Value of ${operator} must be numeric`);
  if (terms.length > 4) rejectPattern('Too many terms in numeric range expression');
  const value = toComparableOrThrow(operand, rejectPattern);
  if (value <= lower) rejectPattern('Bottom must be less than top');
  return { value, inclusive: operator === '<=' };
}

type AnythingButSetKind = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';
const ANYTHING_BUT_SET_KINDS = new Set<string>(['equals-ignore-case', 'prefix', 'suffix', 'wildcard']);
const ANYTHING_BUT_SHAPE = 'Value of anything-but must be an array or single string/number value.';

function compileAnythingBut(operand: unknown, outerKeys: readonly string[]): Matcher {
  let setKind: AnythingButSetKind | undefined;
  let values = operand;
  let innerKeys: readonly string[] = [];
  if (isObject(operand)) {
    innerKeys = Object.keys(operand);
    const [innerOperator] = innerKeys;
    if (innerOperator === undefined) return rejectPattern('Anything-But expression name not found');
    if (!ANYTHING_BUT_SET_KINDS.has(innerOperator))
      rejectPattern(`Unsupported anything-but pattern: ${innerOperator}`);
    setKind = innerOperator as AnythingButSetKind;
    values = operand[innerOperator];
  }
  if (!Array.isArray(values) && typeof values !== 'string' && typeof values !== 'number') {
    rejectPattern(ANYTHING_BUT_SHAPE);
  }
  const matcher = setKind
    ? compileAnythingButSet(setKind, Array.isArray(values) ? values : [values])
    : compileAnythingButValues(values);
  // event-ruler words every leftover key here as a numeric problem; kept for identical messages.
  rejectExtraKeys(setKind ? innerKeys : outerKeys, TOO_MANY_NUMERIC);
  if (setKind) rejectExtraKeys(outerKeys, TOO_MANY_NUMERIC);
  return matcher;
}

function compileAnythingButValues(values: unknown): Matcher {
  if (!Array.isArray(values)) {
    return typeof values === 'number'
      ? { kind: 'anything-but-numbers', values: new Set([toComparableOrThrow(values, rejectPattern)]) }
      : { kind: 'anything-but-strings', values: new Set([values as string]) };
  }
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const value of values) {
    if (typeof value === 'string') strings.add(value);
    else if (typeof value === 'number') numbers.add(toComparableOrThrow(value, rejectPattern));
    else rejectPattern('Inside anything but list, start|null|boolean is not supported.');
  }
  if (strings.size > 0 === numbers.size > 0) {
    rejectPattern(
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    );
  }
  return strings.size > 0
    ? { kind: 'anything-but-strings', values: strings }
    : { kind: 'anything-but-numbers', values: numbers };
}

function compileAnythingButSet(kind: AnythingButSetKind, values: readonly unknown[]): Matcher {
  const strings: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') {
      if (kind === 'equals-ignore-case') {
        rejectPattern(
          'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
        );
      }
      rejectPattern(
        kind === 'wildcard'
          ? 'wildcard match pattern must be a string'
          : 'prefix/suffix match pattern must be a string',
      );
    }
    if ((kind === 'prefix' || kind === 'suffix') && value === '')
      rejectPattern('Null prefix/suffix not allowed');
    strings.push(value);
  }
  switch (kind) {
    case 'equals-ignore-case':
      return { kind: 'anything-but-ignore-case', values: strings };
    case 'prefix':
      return { kind: 'anything-but-prefix', values: strings };
    case 'suffix':
      return { kind: 'anything-but-suffix', values: strings };
    case 'wildcard':
      return {
        kind: 'anything-but-wildcard',
        values: strings.map((value) => parseWildcard(value, rejectPattern)),
      };
  }
}
