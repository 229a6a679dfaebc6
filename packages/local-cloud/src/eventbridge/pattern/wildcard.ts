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

/** Glob match without regular expressions, so user input can never build a pathological regex. */
export function matchesWildcard(tokens: readonly WildcardToken[], value: string): boolean {
  return matchFrom(tokens, 0, value, 0);
}

function matchFrom(
  tokens: readonly WildcardToken[],
  tokenIndex: number,
  value: string,
  offset: number,
): boolean {
  const token = tokens[tokenIndex];
  if (!token) return offset === value.length;
  if (token.kind === 'literal') {
    return (
      value.startsWith(token.text, offset) &&
      matchFrom(tokens, tokenIndex + 1, value, offset + token.text.length)
    );
  }
  const next = tokens[tokenIndex + 1];
  // Stars are never adjacent (the parser rejects "**"), so a star is followed by a literal or the end.
  if (next?.kind !== 'literal') return true;
  for (let at = value.indexOf(next.text, offset); at !== -1; at = value.indexOf(next.text, at + 1)) {
    if (matchFrom(tokens, tokenIndex + 1, value, at)) return true;
  }
  return false;
}
