import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleComposition } from './bundle-composition.js';

const dir = await mkdtemp(join(tmpdir(), 'composition-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bundleComposition', () => {
  it('gives each source the generated columns up to the next mapping', async () => {
    // Line 0: columns 0-9 from zod, 10-19 from the SDK, 20-24 from our code ("AAAA,UCAA,UCAA").
    const code = `${'z'.repeat(10)}${'s'.repeat(10)}${'o'.repeat(5)}`;
    const map = {
      version: 3,
      sources: [
        '../../node_modules/.pnpm/zod@4.0.0/node_modules/zod/v4/core.js',
        '../../node_modules/.pnpm/@smithy+core@3.0.0/node_modules/@smithy/core/dist/index.js',
        'src/handlers/get-product.ts',
      ],
      mappings: 'AAAA,UCAA,UCAA',
    };
    await writeFile(join(dir, 'a.mjs'), code);
    await writeFile(join(dir, 'a.mjs.map'), JSON.stringify(map));

    const composition = await bundleComposition(join(dir, 'a.mjs'), join(dir, 'a.mjs.map'));

    // The line's newline counts for its last segment.
    expect(composition).toMatchObject({ zod: 10, 'SDK core': 10, 'our code': 6, unmapped: 0 });
  });
});
