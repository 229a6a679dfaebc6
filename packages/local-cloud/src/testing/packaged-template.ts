import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';

/** A CloudFormation resource of a packaged template (properties kept loose: tests inspect them). */
export interface TemplateResource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: template tests read properties of every shape
  Properties: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

/** One IAM permission: an action on a resource (an ARN, or the intrinsic that makes one). */
export interface Permission {
  action: string;
  resource: unknown;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Each action × resource pair a statement names. */
const permissionsIn = (statement: Statement): Permission[] =>
  [statement.Action]
    .flat()
    .flatMap((action) => [statement.Resource].flat().map((resource): Permission => ({ action, resource })));

/**
 * Framework-added log permissions: `logs:CreateLogStream`/`PutLogEvents` on the function's own log
 * group, whose ARN ends in `:*` (all streams of that group). The only wildcard a role may hold.
 */
const isOwnLogGroupPermission = ({ action, resource }: Permission): boolean =>
  action.startsWith('logs:') && JSON.stringify(resource).includes(':log-group:/aws/lambda/');

/** Permissions in one order (by their JSON), so an allow-list compares with `toEqual`. */
export const sortPermissions = (permissions: Permission[]): Permission[] =>
  [...permissions].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * The CloudFormation `serverless package` wrote to `packageDir`, with the lookups template tests
 * share: resources by type, a function by its key, and each function's IAM permissions.
 *
 * @example
 * const packaged = readPackagedTemplate(inject('localCloud').packageDirs.basket ?? '');
 * expect(packaged.permissionsOf('getBasket')).toEqual([{ action: 'dynamodb:GetItem', resource: ... }]);
 */
export const readPackagedTemplate = (packageDir: string) => {
  const template = JSON.parse(
    readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  );
  const resources: Record<string, TemplateResource> = template.Resources;
  const ofType = (type: string): [string, TemplateResource][] =>
    Object.entries(resources).filter(([, resource]) => resource.Type === type);

  /** The function whose serverless key is `name` (e.g. `getBasket`). */
  const functionNamed = (name: string): TemplateResource => {
    const logicalId = `${name.charAt(0).toUpperCase()}${name.slice(1)}LambdaFunction`;
    const found = resources[logicalId];
    if (found?.Type !== 'AWS::Lambda::Function') throw new Error(`no function ${name}`);
    return found;
  };

  const statementsOfRole = (role: TemplateResource): Statement[] =>
    (role.Properties.Policies ?? []).flatMap(
      (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
    );

  /** Every allowed action × resource pair of the function's own role, sorted. */
  const allPermissionsOf = (name: string): Permission[] => {
    const roleId = functionNamed(name).Properties.Role?.['Fn::GetAtt']?.[0];
    const role = resources[roleId];
    if (role === undefined) throw new Error(`function ${name} has no role of its own`);
    return sortPermissions(
      statementsOfRole(role)
        .filter((statement) => statement.Effect === 'Allow')
        .flatMap(permissionsIn),
    );
  };

  /** The source files bundled into a function's artifact, as the source map in its zip names them. */
  const bundledSourcesOf = (name: string): string[] => {
    const files = unzipSync(new Uint8Array(readFileSync(join(packageDir, `${name}.zip`))));
    const map = Object.entries(files).find(([file]) => /\.[cm]?js\.map$/.test(file))?.[1];
    if (map === undefined) throw new Error(`no source map in ${name}.zip`);
    return (JSON.parse(new TextDecoder().decode(map)) as { sources: string[] }).sources;
  };

  /**
   * The npm packages bundled into a function's artifact (the folder after the last `node_modules/`
   * of each source), so a test can say what a function ships.
   */
  const bundledPackagesOf = (name: string): Set<string> =>
    new Set(
      bundledSourcesOf(name).flatMap(
        (source) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source)?.[1] ?? [],
      ),
    );

  return {
    template,
    resources,
    ofType,
    functionNamed,
    bundledSourcesOf,
    bundledPackagesOf,
    /** The function's permissions besides writing its own logs: what the allow-list tests compare. */
    permissionsOf: (name: string): Permission[] =>
      allPermissionsOf(name).filter((permission) => !isOwnLogGroupPermission(permission)),
    /**
     * Every `*` in an action or resource of any IAM role or policy, except the framework's
     * permissions on the functions' own log groups. Should be empty.
     */
    wildcards: (): Permission[] =>
      [...ofType('AWS::IAM::Role').map(([, role]) => role), ...ofType('AWS::IAM::Policy').map(([, p]) => p)]
        .flatMap((holder) =>
          holder.Type === 'AWS::IAM::Role'
            ? statementsOfRole(holder)
            : [holder.Properties.PolicyDocument.Statement].flat(),
        )
        .flatMap(permissionsIn)
        .filter(
          (permission) =>
            (permission.action.includes('*') || JSON.stringify(permission.resource).includes('*')) &&
            !isOwnLogGroupPermission(permission),
        ),
  };
};

export type PackagedTemplate = ReturnType<typeof readPackagedTemplate>;
