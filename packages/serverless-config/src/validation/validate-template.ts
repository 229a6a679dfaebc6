import { loadCloudFormationSpec } from './cloudformation-spec.js';
import { checkIamActions } from './iam-actions.js';
import type { TemplateProblem } from './problems.js';
import { checkReferences } from './references.js';
import type { CloudFormationTemplate } from './template.js';
import { checkProperties } from './value-types.js';

export type { ProblemKind, TemplateProblem } from './problems.js';
export type { CloudFormationTemplate, TemplateResource } from './template.js';

const RESOURCE_ATTRIBUTES = new Set([
  'Type',
  'Properties',
  'DependsOn',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'Metadata',
  'CreationPolicy',
  'UpdatePolicy',
]);
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
const UPDATE_REPLACE_POLICIES = new Set(['Delete', 'Retain', 'Snapshot']);

/**
 * Checks a CloudFormation template offline, before any deploy, against the CloudFormation resource
 * specification and the IAM action list: resource types exist; each property exists for its type
 * and has a value of the right type; required properties are there; `Ref`, `Fn::GetAtt` and
 * `Fn::Sub` name resources and attributes that exist; every IAM action is real. Returns the
 * problems found, none for a valid template.
 *
 * @example
 * expect(await validateTemplate(template)).toEqual([]);
 */
export const validateTemplate = async (template: CloudFormationTemplate): Promise<TemplateProblem[]> => {
  const spec = await loadCloudFormationSpec();
  const problems: TemplateProblem[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const at = `Resources.${logicalId}`;
    for (const attribute of Object.keys(resource)) {
      if (!RESOURCE_ATTRIBUTES.has(attribute)) {
        problems.push({
          kind: 'resource-attribute',
          at: `${at}.${attribute}`,
          message: `no resource attribute ${attribute}`,
        });
      }
    }
    if (resource.DeletionPolicy !== undefined && !DELETION_POLICIES.has(resource.DeletionPolicy)) {
      problems.push({
        kind: 'resource-attribute',
        at: `${at}.DeletionPolicy`,
        message: `no DeletionPolicy ${resource.DeletionPolicy}`,
      });
    }
    if (
      resource.UpdateReplacePolicy !== undefined &&
      !UPDATE_REPLACE_POLICIES.has(resource.UpdateReplacePolicy)
    ) {
      problems.push({
        kind: 'resource-attribute',
        at: `${at}.UpdateReplacePolicy`,
        message: `no UpdateReplacePolicy ${resource.UpdateReplacePolicy}`,
      });
    }
    if (resource.Type.startsWith('Custom::')) continue;
    const type = spec.resource(resource.Type);
    if (type === undefined) {
      problems.push({
        kind: 'resource-type',
        at: `${at}.Type`,
        message: `no resource type ${resource.Type}`,
      });
      continue;
    }
    problems.push(...checkProperties(spec, resource.Properties ?? {}, type.properties, `${at}.Properties`));
  }
  problems.push(...checkReferences(spec, template), ...(await checkIamActions(template)));
  return problems;
};
