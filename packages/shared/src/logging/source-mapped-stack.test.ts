import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sourceMappedStack } from './source-mapped-stack.js';

// The module reads each bundle's map once and keeps it (or its absence) for the process: every
// test names bundle files of its own.

let dir: string;
const sourceMapsEnabled = process.sourceMapsEnabled;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'source-mapped-stack-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

// With Node mapping stacks itself the module does nothing: every test but the one about that runs
// without, whatever the test runner was started with.
beforeEach(() => process.setSourceMapsEnabled(false));
afterEach(() => process.setSourceMapsEnabled(sourceMapsEnabled));

const write = async (file: string, text: string) => {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
};

/** One-based line and column of the first `text` in `code`, as a stack trace counts them. */
const positionOf = (code: string, text: string) => {
  const index = code.indexOf(text);
  expect(index, `${text} in ${code}`).toBeGreaterThanOrEqual(0);
  expect(code.indexOf(text, index + 1), `${text} only once`).toBe(-1);
  const before = code.slice(0, index).split('\n');
  return { line: before.length, column: (before.at(-1) ?? '').length + 1 };
};

describe('sourceMappedStack', () => {
  it('leaves frames without a source map as they are', () => {
    const stack = 'Error: x\n    at f (/nowhere/bundle.mjs:1:2)\n    at node:internal/x:3:4';

    expect(sourceMappedStack(stack)).toBe(stack);
    expect(sourceMappedStack(undefined)).toBeUndefined();
  });

  describe('of a bundle esbuild built', () => {
    // The type assertion makes the TypeScript line longer than the bundle's: the columns differ.
    const source = [
      'export const reserveStock = (productId: string, quantity: number, available: number): number => {',
      "  if ((quantity as number) > available) throw new Error('no stock left for ' + productId);",
      '  return available - quantity;',
      '};',
      '',
    ].join('\n');
    let sourceFile: string;
    let original: { line: number; column: number };

    beforeAll(async () => {
      sourceFile = join(dir, 'esbuild/src/reserve-stock.ts');
      await write(sourceFile, source);
      original = positionOf(source, 'new Error(');
    });

    /** The bundle and where its `new Error(` is: the position V8 gives a frame thrown there. */
    const bundle = async (format: 'cjs' | 'esm', outfile: string) => {
      await build({
        entryPoints: [sourceFile],
        outfile,
        bundle: true,
        sourcemap: 'linked',
        format,
        logLevel: 'error',
      });
      return positionOf(await readFile(outfile, 'utf8'), 'new Error(');
    };

    it('maps a CommonJS bundle’s frame to the TypeScript file, line and column', async () => {
      const file = join(dir, 'esbuild/dist/reserve-stock.cjs');
      const generated = await bundle('cjs', file);
      // The CommonJS wrapper puts the code further down: lines differ too.
      expect(generated.line).toBeGreaterThan(original.line);
      expect(generated.column).not.toBe(original.column);
      const stack = [
        'Error: no stock left for p-mug-01',
        `    at reserveStock (${file}:${generated.line}:${generated.column})`,
        `    at ${file}:${generated.line}:${generated.column}`,
        '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      ].join('\n');

      expect(sourceMappedStack(stack)).toBe(
        [
          'Error: no stock left for p-mug-01',
          `    at reserveStock (${sourceFile}:${original.line}:${original.column})`,
          `    at ${sourceFile}:${original.line}:${original.column}`,
          '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
        ].join('\n'),
      );
    });

    it('maps an ES module’s frame, named by its file URL, keeping the text around it', async () => {
      const file = join(dir, 'esbuild/dist/reserve-stock.mjs');
      const generated = await bundle('esm', file);
      const url = pathToFileURL(file).href;
      const stack = [
        'Error: no stock left for p-mug-01',
        `    at async reserveStock (${url}:${generated.line}:${generated.column})`,
        `    at ${url}:${generated.line}:${generated.column}`,
      ].join('\n');

      expect(sourceMappedStack(stack)).toBe(
        [
          'Error: no stock left for p-mug-01',
          `    at async reserveStock (${sourceFile}:${original.line}:${original.column})`,
          `    at ${sourceFile}:${original.line}:${original.column}`,
        ].join('\n'),
      );
    });
  });

  describe('with a source map written by hand', () => {
    // Zero-based [generated column, source, original line, original column] segments per generated
    // line. Generated lines 10–12 (stack lines 11–13) have a segment at each of columns 32–35
    // (stack columns 33–36), each from another original position: a position off by one, in line
    // or column, maps somewhere else. Nothing before line 10 is mapped.
    const segments: [number, number, number, number][][] = [
      ...Array.from({ length: 10 }, () => []),
      [
        [32, 0, 20, 1],
        [33, 0, 21, 3],
        [34, 0, 22, 5],
        [35, 0, 23, 7],
      ],
      [
        [32, 0, 40, 4],
        [33, 0, 41, 6],
        [34, 0, 42, 8],
        [35, 0, 43, 10],
      ],
      [
        [32, 1, 60, 12],
        [33, 1, 61, 14],
        [34, 1, 62, 16],
        [35, 1, 63, 18],
      ],
    ];
    // Stack line 12, column 34: segment [33, 0, 41, 6] of relative.ts, so its line 42, column 7.
    const frame = (file: string) => `${file}:12:34`;
    const relative = () => join(dir, 'hand/src/relative.ts');
    const mapped = () => `${relative()}:42:7`;

    /** A bundle `hand/dist/<name>` with the map above beside it: sources relative and a file URL. */
    const bundle = async (name: string) => {
      const file = join(dir, 'hand/dist', name);
      await write(file, '// the code does not matter: only the map is read\n');
      await writeMap(file, ['../src/relative.ts', pathToFileURL(join(dir, 'hand/lib/url-source.ts')).href]);
      return file;
    };
    const writeMap = (file: string, sources: string[], lines = segments) =>
      write(
        `${file}.map`,
        JSON.stringify({ version: 3, file, sources, names: [], mappings: mappings(lines) }),
      );

    it('maps a named frame and an anonymous one, one-based line and column both ways', async () => {
      const file = await bundle('named.cjs');

      expect(sourceMappedStack(`Error: x\n    at reserveStock (${frame(file)})\n    at ${frame(file)}`)).toBe(
        `Error: x\n    at reserveStock (${mapped()})\n    at ${mapped()}`,
      );
    });

    it.each(['bundle.cjs', 'bundle.mjs', 'bundle.js'])('maps a frame of %s', async (name) => {
      const file = await bundle(name);

      expect(sourceMappedStack(`    at f (${frame(file)})`)).toBe(`    at f (${mapped()})`);
      expect(sourceMappedStack(`    at f (${pathToFileURL(file).href}:12:34)`)).toBe(
        `    at f (${mapped()})`,
      );
    });

    it('resolves a source the map names by file URL to its path', async () => {
      const file = await bundle('url-source.cjs');

      // Stack line 13, column 34: segment [33, 1, 61, 14] of the file URL source.
      expect(sourceMappedStack(`    at f (${file}:13:34)`)).toBe(
        `    at f (${join(dir, 'hand/lib/url-source.ts')}:62:15)`,
      );
    });

    it('leaves a frame before the first mapping as it is', async () => {
      const file = await bundle('unmapped-position.cjs');
      const stack = `Error: x\n    at f (${file}:1:1)\n    at ${file}:10:40`;

      expect(sourceMappedStack(stack)).toBe(stack);
    });

    it('leaves a frame followed by more text on its line as it is', async () => {
      const file = await bundle('trailing-text.cjs');
      const stack = `Error: x\n    at f (${frame(file)}) and more\n    at ${frame(file)} and more`;

      expect(sourceMappedStack(stack)).toBe(stack);
    });

    it('reads a bundle’s map once', async () => {
      const file = await bundle('read-once.cjs');
      expect(sourceMappedStack(`    at f (${frame(file)})`)).toBe(`    at f (${mapped()})`);

      // A map read again would name this source.
      await writeMap(file, ['../src/other.ts']);

      expect(sourceMappedStack(`    at f (${frame(file)})`)).toBe(`    at f (${mapped()})`);
    });

    it('leaves the frames of a bundle without a map as they are, and does not look for it again', async () => {
      const file = join(dir, 'hand/dist/no-map.cjs');
      await write(file, '// no map beside this one\n');
      const stack = `Error: x\n    at f (${frame(file)})\n    at ${frame(file)}`;
      expect(sourceMappedStack(stack)).toBe(stack);

      // A map looked for again would now be found.
      await writeMap(file, ['../src/relative.ts']);

      expect(sourceMappedStack(stack)).toBe(stack);
    });

    it('returns the stack as it is when Node maps stacks itself (--enable-source-maps)', async () => {
      const file = await bundle('enabled.cjs');
      const stack = `Error: x\n    at f (${frame(file)})`;

      process.setSourceMapsEnabled(true);
      try {
        expect(sourceMappedStack(stack)).toBe(stack);
      } finally {
        process.setSourceMapsEnabled(false);
      }
      // The same bundle is mapped without: the frame above is one that would be.
      expect(sourceMappedStack(stack)).toBe(`Error: x\n    at f (${mapped()})`);
    });
  });
});

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A number as a source map's base64 VLQ: sign in the lowest bit, 5 bits a digit, lowest first. */
const vlq = (value: number): string => {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let digits = '';
  do {
    const digit = rest & 31;
    rest >>>= 5;
    digits += BASE64[rest > 0 ? digit | 32 : digit];
  } while (rest > 0);
  return digits;
};

/** A source map's `mappings` from absolute positions: each field is relative to the one before. */
const mappings = (lines: [number, number, number, number][][]): string => {
  let previous = [0, 0, 0];
  return lines
    .map((line) => {
      let column = 0;
      return line
        .map(([generatedColumn, ...position]) => {
          const fields = [
            generatedColumn - column,
            ...position.map((value, i) => value - (previous[i] ?? 0)),
          ];
          column = generatedColumn;
          previous = position;
          return fields.map(vlq).join('');
        })
        .join(',');
    })
    .join(';');
};
