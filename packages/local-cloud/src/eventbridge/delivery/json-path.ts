/**
 * The JSONPath subset EventBridge evaluates for InputPath and InputPathsMap: `$`, dot notation,
 * array indices and `*` wildcards. A path with a wildcard yields an array of what it reached.
 */
type Step =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' };

const NOT_FOUND = Symbol('not found');

export function parseJsonPath(path: string): Step[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Step[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\[\*\]|\['([^']*)'\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (!match) return undefined;
    const [whole, key, index, quotedKey] = match;
    if (key === '*' || whole === '[*]') steps.push({ kind: 'all' });
    else if (key !== undefined) steps.push({ kind: 'key', key });
    else if (index !== undefined) steps.push({ kind: 'index', index: Number(index) });
    else steps.push({ kind: 'key', key: quotedKey ?? '' });
  }
  return steps;
}

function walk(value: unknown, steps: readonly Step[], at: number): unknown {
  const step = steps[at];
  if (!step) return value;
  if (step.kind === 'all') {
    const children = Array.isArray(value)
      ? value
      : typeof value === 'object' && value !== null
        ? Object.values(value)
        : [];
    return children.map((child) => walk(child, steps, at + 1)).filter((child) => child !== NOT_FOUND);
  }
  if (step.kind === 'index') {
    return Array.isArray(value) && step.index < value.length
      ? walk(value[step.index], steps, at + 1)
      : NOT_FOUND;
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.hasOwn(value, step.key)
  ) {
    return walk((value as Record<string, unknown>)[step.key], steps, at + 1);
  }
  return NOT_FOUND;
}

/** The value at `path`, or undefined when the path is invalid or leads nowhere. */
export function readJsonPath(document: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (!steps) return undefined;
  const result = walk(document, steps, 0);
  return result === NOT_FOUND ? undefined : result;
}
