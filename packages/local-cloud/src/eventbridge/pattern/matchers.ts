import type { IpBytes, IpRange } from './ip-address.js';
import type { WildcardToken } from './wildcard.js';

/** A leaf of an event: the only values patterns ever compare against. */
export type LeafValue = string | number | boolean | null;

interface NumericBound {
  /** Comparable (scaled) form, see comparable-number.ts. */
  readonly value: number;
  readonly inclusive: boolean;
}

/** One compiled entry of a field's value list in a pattern. */
export type Matcher =
  | { readonly kind: 'exact-string'; readonly value: string }
  | { readonly kind: 'exact-ip'; readonly address: IpBytes }
  | { readonly kind: 'exact-number'; readonly value: number; readonly comparable: number | undefined }
  | { readonly kind: 'literal'; readonly value: boolean | null }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly tokens: readonly WildcardToken[] }
  | { readonly kind: 'numeric'; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly kind: 'cidr'; readonly range: IpRange }
  | { readonly kind: 'exists'; readonly value: boolean }
  | { readonly kind: 'anything-but-strings'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'anything-but-numbers'; readonly values: ReadonlySet<number> }
  | { readonly kind: 'anything-but-ignore-case'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-prefix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-suffix'; readonly values: readonly string[] }
  | { readonly kind: 'anything-but-wildcard'; readonly values: readonly (readonly WildcardToken[])[] };

/** The matchers that constrain a value rather than the presence of a field. */
export type ValueMatcher = Exclude<Matcher, { kind: 'exists' }>;
