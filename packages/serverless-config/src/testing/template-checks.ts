import { expect, it } from 'vitest';
import type { CloudFormationTemplate } from '../validation/template.js';
import { validateTemplate } from '../validation/validate-template.js';

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
