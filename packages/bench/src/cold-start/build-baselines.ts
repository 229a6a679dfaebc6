import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuild } from '@eshop/serverless-config';
import { type BuildOptions, build } from 'esbuild';

/** A handler built here for comparison with the services' functions. */
export interface BaselineBundle {
  name: string;
  description: string;
  handlerFile: string;
  bytes: number;
}

const baselineDir = fileURLToPath(new URL('../../baseline', import.meta.url));

// The services' production settings (custom.esbuild of every serverless.ts), so a probe costs
// what the same code costs inside a function.
export const productionLike: BuildOptions = {
  bundle: esbuild.bundle,
  platform: esbuild.platform,
  target: esbuild.target,
  format: esbuild.format,
  minify: esbuild.minify,
  mainFields: esbuild.mainFields,
  supported: esbuild.supported,
  // The SDK as the functions bundle it: credentials from the environment only.
  alias: esbuild.alias,
};

/** The file extension the functions are deployed with, without its dot (`cjs`: loaded with require). */
const productionExt = esbuild.outputFileExtension.slice(1);

const baselines: { name: string; entry: string; description: string; options: BuildOptions; ext: string }[] =
  [
    {
      name: 'empty handler',
      entry: 'empty-handler.ts',
      description: 'loads nothing: the floor, what Node costs to load one module',
      options: { bundle: true, platform: 'node', format: esbuild.format, minify: true },
      ext: productionExt,
    },
    {
      name: 'plain getProduct',
      entry: 'get-product-plain.ts',
      description: 'getProduct the plain way: CommonJS, not minified, AWS SDK v3 bundled, no middleware',
      options: { bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: false },
      ext: 'cjs',
    },
    {
      name: 'plain processCheckout',
      entry: 'process-checkout-plain.ts',
      description:
        'processCheckout the plain way: CommonJS, not minified, AWS SDK v3 bundled, no middleware, no libraries',
      options: { bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: false },
      ext: 'cjs',
    },
    {
      name: 'probe: AWS SDK',
      entry: 'probe-aws-sdk.ts',
      description: 'DynamoDB document client only, built like the services',
      options: productionLike,
      ext: productionExt,
    },
    {
      name: 'probe: zod',
      entry: 'probe-zod.ts',
      description: 'zod/mini only, with its English messages, built like the services',
      options: productionLike,
      ext: productionExt,
    },
    {
      name: 'probe: Powertools logger',
      entry: 'probe-powertools-logger.ts',
      description: 'Powertools Logger only, built like the services',
      options: productionLike,
      ext: productionExt,
    },
    {
      name: 'probe: Powertools metrics',
      entry: 'probe-powertools-metrics.ts',
      description:
        'Powertools Metrics only (one EMF line), built like the services: what the functions no longer load (they write the line themselves)',
      options: productionLike,
      ext: productionExt,
    },
    {
      name: 'probe: Middy core',
      entry: 'probe-middy.ts',
      description: 'Middy core only, built like the services',
      options: productionLike,
      ext: productionExt,
    },
  ];

/** Bundles every baseline and probe handler into `outDir`. */
export const buildBaselines = async (outDir: string): Promise<BaselineBundle[]> =>
  Promise.all(
    baselines.map(async ({ name, entry, description, options, ext }) => {
      const handlerFile = join(outDir, entry.replace(/\.ts$/, `.${ext}`));
      await build({
        ...options,
        entryPoints: [join(baselineDir, entry)],
        outfile: handlerFile,
        logLevel: 'error',
      });
      return { name, description, handlerFile, bytes: (await stat(handlerFile)).size };
    }),
  );
