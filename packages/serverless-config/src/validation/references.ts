import type { CloudFormationSpec } from './cloudformation-spec.js';
import { isPlainObject, PSEUDO_PARAMETERS, subReferences } from './intrinsics.js';
import type { TemplateProblem } from './problems.js';
import type { CloudFormationTemplate } from './template.js';

/** Whether `type`'s resources have `attribute` for `Fn::GetAtt`, per the specification. */
const hasAttribute = (spec: CloudFormationSpec, type: string, attribute: string): boolean => {
  // Custom resources and nested stacks return whatever they return.
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return true;
  if (type === 'AWS::CloudFormation::Stack' && attribute.startsWith('Outputs.')) return true;
  const resource = spec.resource(type);
  // An unknown type is reported once, as such, not again at every GetAtt of it.
  return resource === undefined || resource.attributes[attribute] !== undefined;
};

/**
 * Every `Ref`, `Fn::GetAtt` and `Fn::Sub` reference of a template names something that exists: a
 * resource, parameter or pseudo parameter; for `Fn::GetAtt`, an attribute the resource's type has;
 * and every condition used is declared.
 */
export const checkReferences = (
  spec: CloudFormationSpec,
  template: CloudFormationTemplate,
): TemplateProblem[] => {
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  const conditions = template.Conditions ?? {};
  const problems: TemplateProblem[] = [];

  const checkRef = (name: unknown, at: string) => {
    if (typeof name !== 'string') return;
    if (!(name in resources || name in parameters || PSEUDO_PARAMETERS.has(name))) {
      problems.push({ kind: 'reference', at, message: `Ref to ${name}, which is not in the template` });
    }
  };
  const checkGetAtt = (logicalId: unknown, attribute: unknown, at: string) => {
    if (typeof logicalId !== 'string' || typeof attribute !== 'string') return;
    const resource = resources[logicalId];
    if (resource === undefined) {
      problems.push({
        kind: 'get-att',
        at,
        message: `Fn::GetAtt of ${logicalId}, which is not in the template`,
      });
    } else if (!hasAttribute(spec, resource.Type, attribute)) {
      problems.push({ kind: 'get-att', at, message: `${resource.Type} has no attribute ${attribute}` });
    }
  };
  const checkCondition = (name: unknown, at: string) => {
    if (typeof name === 'string' && !(name in conditions)) {
      problems.push({ kind: 'reference', at, message: `condition ${name} is not declared` });
    }
  };
  const checkSub = (argument: unknown, at: string) => {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof text !== 'string') return;
    for (const reference of subReferences(text)) {
      if (isPlainObject(variables) && reference in variables) continue;
      const [name, ...attribute] = reference.split('.');
      if (attribute.length > 0) checkGetAtt(name, attribute.join('.'), at);
      else checkRef(name, at);
    }
  };

  const walk = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      for (const [i, element] of value.entries()) walk(element, `${at}[${i}]`);
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [key, argument] of Object.entries(value)) {
      if (key === 'Ref') checkRef(argument, at);
      if (key === 'Fn::GetAtt') {
        const [logicalId, ...attribute] = Array.isArray(argument) ? argument : String(argument).split('.');
        checkGetAtt(logicalId, attribute.join('.'), at);
      }
      if (key === 'Fn::Sub') checkSub(argument, at);
      if (key === 'Fn::If' && Array.isArray(argument)) checkCondition(argument[0], at);
      if (key === 'Condition' && typeof argument === 'string') checkCondition(argument, at);
      walk(argument, `${at}.${key}`);
    }
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    const at = `Resources.${logicalId}`;
    for (const dependency of [resource.DependsOn ?? []].flat()) {
      if (!(dependency in resources)) {
        problems.push({
          kind: 'reference',
          at: `${at}.DependsOn`,
          message: `depends on ${dependency}, which is not in the template`,
        });
      }
    }
    walk(resource, at);
  }
  walk(template.Outputs ?? {}, 'Outputs');
  walk(conditions, 'Conditions');
  return problems;
};
