import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces that name the TypeScript sources without `--enable-source-maps`, which costs every
 * cold start ~10 ms to read the bundle's source map whether or not anything fails (issue 14). A
 * stack is mapped here instead, only when an error is logged: the first one reads the bundle's
 * `.map` (the `sourcemap: 'linked'` file beside it), later ones reuse it.
 */

// `    at fn (/var/task/src/functions/get-product.cjs:1:2345)`, `    at /…:1:2`, or an ES module's
// `    at fn (file:///var/task/src/functions/get-product.mjs:1:2345)`.
const FRAME = /(\(|at )((?:file:\/\/)?\/[^\s()]+?\.[cm]?js):(\d+):(\d+)(\)?)$/;

// One per bundle file; `null` when it has no readable map, so it is not tried again.
const maps = new Map<string, SourceMap | null>();

const mapOf = (file: string): SourceMap | null => {
  let map = maps.get(file);
  if (map !== undefined) return map;
  try {
    map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
  } catch {
    map = null;
  }
  maps.set(file, map);
  return map;
};

// Sources are URLs or paths relative to the map's folder, as Node resolves them itself.
const originalSource = (source: string, file: string): string =>
  source.startsWith('file://') ? fileURLToPath(source) : resolve(dirname(file), source);

const mapFrame = (line: string): string => {
  const match = FRAME.exec(line);
  if (match === null) return line;
  const [whole, open = '', location = '', lineText = '', columnText = '', close = ''] = match;
  const file = location.startsWith('file://') ? fileURLToPath(location) : location;
  const map = mapOf(file);
  // findEntry takes and returns zero-based positions; stack traces are one-based.
  const entry = map?.findEntry(Number(lineText) - 1, Number(columnText) - 1);
  if (entry === undefined || !('originalSource' in entry)) return line;
  const mapped = `${originalSource(entry.originalSource, file)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  return `${line.slice(0, line.length - whole.length)}${open}${mapped}${close}`;
};

/**
 * The stack with every frame in a bundle that has a source map rewritten to its original file,
 * line and column; frames without one (Node's own, or an unmapped file) stay as they are. With
 * `--enable-source-maps` the stack is already mapped and comes back unchanged.
 *
 * @example
 * sourceMappedStack(error.stack)
 * // '    at findProduct (/var/task/src/functions/get-product.cjs:1:5012)'
 * // → '    at findProduct (/services/product/src/store/product-table.ts:71:5)'
 */
export const sourceMappedStack = (stack: string | undefined): string | undefined =>
  stack === undefined || process.sourceMapsEnabled ? stack : stack.split('\n').map(mapFrame).join('\n');
