import { basename } from 'node:path';
import { readPackagedTemplate } from '@eshop/local-cloud/testing';
import { expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../validation/template.js';
import { validateTemplate } from '../validation/validate-template.js';
import { functionZipFiles } from './packaged-bundles.js';

/**
 * The template tests every service with tables shares: the packaged template is valid
 * CloudFormation, and each table (by a readable name → its logical id) survives the stack's
 * removal or its own replacement and cannot be deleted by accident.
 *
 * @example
 * itIsValidCloudFormationKeepingItsTables(template, { baskets: 'BasketTable' });
 */
export const itIsValidCloudFormationKeepingItsTables = (
  template: CloudFormationTemplate,
  tables: Record<string, string>,
) => {
  it('is valid CloudFormation: types, properties, required properties, attributes and IAM actions', async () => {
    expect(await validateTemplate(template)).toEqual([]);
  });

  it.each(Object.entries(tables))('retains and protects the %s table', (_, logicalId) => {
    const table = template.Resources?.[logicalId];
    expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    expect(table?.Properties?.DeletionProtectionEnabled).toBe(true);
  });
};

/**
 * Each function's bundle in a packaged service, by function name (its zip's name): its code and
 * the source files its map names.
 */
const bundlesOf = (packageDir: string, template: CloudFormationTemplate): [string, string, string[]][] => {
  const { bundledSourcesOf } = readPackagedTemplate(packageDir);
  return Object.values(template.Resources ?? {}).flatMap((resource) => {
    const code = resource.Properties?.Code as { S3Key?: unknown } | undefined;
    const zipKey = resource.Type === 'AWS::Lambda::Function' ? code?.S3Key : undefined;
    if (typeof zipKey !== 'string') return [];
    const name = basename(zipKey, '.zip');
    const files = functionZipFiles(packageDir, name);
    const bundle = Object.entries(files).find(([file]) => /\.[cm]?js$/.test(file))?.[1];
    return [[name, bundle === undefined ? '' : new TextDecoder().decode(bundle), bundledSourcesOf(name)]];
  });
};

/**
 * What keeps every function of a packaged service quick to start (issue 14), on its packaged bundle:
 *
 * - It loads its modules with `require`, never `import()`: from a CommonJS bundle, `import()` goes
 *   through Node's ES module loader, which on Node 22 (Lambda's runtime) cost ~26 ms of every
 *   function's first request. The SDK's ES modules use it for node:http and node:async_hooks; the
 *   esbuild setting `supported: { 'dynamic-import': false }` turns those into `require`.
 * - It leaves out the SDK's event-stream support, which no client of ours uses and whose one
 *   `import()` cost 6-7 ms of every init (the `alias` in the esbuild settings, no-event-streams.ts).
 *
 * @example
 * itPackagesLeanBundles(packageDir, template);
 */
export const itPackagesLeanBundles = (packageDir: string, template: CloudFormationTemplate) => {
  const bundles = bundlesOf(packageDir, template);

  it('packages at least one function bundle, with its source map', () => {
    expect(bundles.map(([, code]) => code.length)).not.toContain(0);
    expect(bundles.map(([, , sources]) => sources.length)).not.toContain(0);
    expect(bundles.length).toBeGreaterThan(0);
  });

  it.each(bundles)('bundles %s without a dynamic import()', (_, code) => {
    expect(code.match(/\bimport\([^)]{0,40}/g) ?? []).toEqual([]);
  });

  it.each(bundles)("bundles %s without the SDK's event-stream support", (_, __, sources) => {
    expect(sources.filter((source) => source.includes('/event-streams/'))).toEqual([]);
  });
};
