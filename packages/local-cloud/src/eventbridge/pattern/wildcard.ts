/**
 * Wildcard operands: `*` matches any run of characters (including none), `\*` is a literal star,
 * `\\` a literal backslash; any other backslash and two stars in a row are rejected. Positions in
 * messages count UTF-8 bytes from an opening quote, because event-ruler parses the quoted value.
 */
export type WildcardToken = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'star' };

const QUOTE_OFFSET = 1;

export function parseWildcard(text: string, reject: (reason: string) => never): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  let literal = '';
  let bytePosition = QUOTE_OFFSET;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    if (char === '*') {
      if (chars[i + 1] === '*') reject(`Consecutive wildcard characters at pos ${bytePosition}`);
      if (literal) tokens.push({ kind: 'literal', text: literal });
      literal = '';
      tokens.push({ kind: 'star' });
    } else if (char === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') reject(`Invalid escape character at pos ${bytePosition}`);
      literal += next;
      i++;
      bytePosition += 1;
    } else {
      literal += char;
    }
    bytePosition += Buffer.byteLength(char);
  }
  if (literal) tokens.push({ kind: 'literal', text: literal });
  return tokens;
}

/**
 * Glob match without regular expressions or backtracking, so user input can never make matching
 * slow: the text before the first star must start the value, the text after the last star must end
 * it, and each piece in between is taken at its leftmost place after the previous one. With `*` as
 * the only wildcard, the leftmost place never loses a match that a later place would find.
 */
export function matchesWildcard(tokens: readonly WildcardToken[], value: string): boolean {
  if (!tokens.some((token) => token.kind === 'star')) return literalOf(tokens[0]) === value;
  const first = tokens[0];
  const last = tokens.at(-1);
  const head = first?.kind === 'literal' ? first.text : '';
  const tail = last?.kind === 'literal' ? last.text : '';
  if (head.length + tail.length > value.length || !value.startsWith(head) || !value.endsWith(tail))
    return false;
  const end = value.length - tail.length;
  let cursor = head.length;
  const middle = tokens.slice(first?.kind === 'literal' ? 1 : 0, last?.kind === 'literal' ? -1 : undefined);
  for (const token of middle) {
    if (token.kind === 'star') continue;
    const at = value.indexOf(token.text, cursor);
    if (at === -1 || at + token.text.length > end) return false;
    cursor = at + token.text.length;
  }
  return true;
}

function literalOf(token: WildcardToken | undefined): string {
  return token?.kind === 'literal' ? token.text : '';
}
