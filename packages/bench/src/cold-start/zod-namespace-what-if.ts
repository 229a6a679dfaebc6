import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { productionLike } from './build-baselines.js';
import type { PackagedFunction } from './package-functions.js';

/**
 * What-if, measured but not applied (the imports live in packages/shared and the services):
 * `import * as z from 'zod'` instead of `import { z } from 'zod'`. Through the `{ z }` re-export
 * esbuild keeps all of zod's namespace, every locale included; through `* as z` it keeps only the
 * members the code uses.
 */
const zodNamespaceImports: Plugin = {
  name: 'zod-namespace-imports',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes('node_modules')) return undefined;
      const source = await readFile(path, 'utf8');
      return {
        contents: source.replaceAll("import { z } from 'zod';", "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
};

export interface WhatIfBundle {
  function: PackagedFunction;
  handlerFile: string;
  bytes: number;
}

/** Rebuilds a packaged function from its source with the services' settings plus the rewrite. */
export const buildZodNamespaceWhatIf = async (
  servicesDir: string,
  fn: PackagedFunction,
  outDir: string,
): Promise<WhatIfBundle> => {
  const handlerFile = join(outDir, fn.service, `${fn.functionKey}.mjs`);
  await build({
    ...productionLike,
    entryPoints: [join(servicesDir, fn.service, `${fn.handlerModule}.ts`)],
    outfile: handlerFile,
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [zodNamespaceImports],
    logLevel: 'error',
  });
  return { function: fn, handlerFile, bytes: (await stat(handlerFile)).size };
};
