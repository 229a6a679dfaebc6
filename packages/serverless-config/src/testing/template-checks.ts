import { basename } from 'node:path';
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

/** The code of each function's bundle in a packaged service, by function name (its zip's name). */
const bundlesOf = (packageDir: string, template: CloudFormationTemplate): [string, string][] =>
  Object.values(template.Resources ?? {}).flatMap((resource) => {
    const code = resource.Properties?.Code as { S3Key?: unknown } | undefined;
    const zipKey = resource.Type === 'AWS::Lambda::Function' ? code?.S3Key : undefined;
    if (typeof zipKey !== 'string') return [];
    const name = basename(zipKey, '.zip');
    const files = functionZipFiles(packageDir, name);
    const bundle = Object.entries(files).find(([file]) => /\.[cm]?js$/.test(file))?.[1];
    return [[name, bundle === undefined ? '' : new TextDecoder().decode(bundle)]];
  });

/**
 * Every function of a packaged service loads its modules with `require`, never `import()`: from a
 * CommonJS bundle, `import()` goes through Node's ES module loader, which on Node 22 (Lambda's
 * runtime) cost ~26 ms of every function's first request (issue 14). The SDK's ES modules use it
 * for node:http and node:async_hooks; the esbuild setting `supported: { 'dynamic-import': false }`
 * turns those into `require`.
 *
 * @example
 * itLoadsModulesWithRequireOnly(packageDir, template);
 */
export const itLoadsModulesWithRequireOnly = (packageDir: string, template: CloudFormationTemplate) => {
  const bundles = bundlesOf(packageDir, template);

  it('packages at least one function bundle', () => {
    expect(bundles.map(([, code]) => code.length)).not.toContain(0);
    expect(bundles.length).toBeGreaterThan(0);
  });

  it.each(bundles)('bundles %s without a dynamic import()', (_, code) => {
    expect(code.match(/\bimport\([^)]{0,40}/g) ?? []).toEqual([]);
  });
};
