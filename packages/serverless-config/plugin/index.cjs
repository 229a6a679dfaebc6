// @ts-check
// The Serverless Framework plugin of the conventions in packages/serverless-config, listed by
// defineService for every service. Plain CommonJS: osls loads plugins with require().
'use strict';

const RETENTION = {
  // Data outlives the stack: `remove` and replacements leave the resource behind, and AWS refuses
  // to delete it until its deletion protection is turned off on purpose.
  retained: { deletionPolicy: 'Retain', deletionProtection: true, userPoolDeletionProtection: 'ACTIVE' },
  throwaway: { deletionPolicy: 'Delete', deletionProtection: false, userPoolDeletionProtection: 'INACTIVE' },
};

/**
 * - `${requiredParam:name}`: the param's value; when it has none, the command fails with an error
 *   naming the param and the ways to give it, before anything is packaged or deployed.
 * - `${listParam:name}`: a required param holding a comma-separated list, as a list (e.g. CORS
 *   origins for the HTTP API's CorsConfiguration), so the template holds one entry per item.
 * - `${integerParam:name}`: a required param as a number (CloudFormation and the framework's own
 *   schema want numbers where params, given on the command line, are text).
 * - `${dataRetention:deletionPolicy|deletionProtection|userPoolDeletionProtection}`: how the
 *   stage keeps its data, from the `throwaway` param ("true" or "false").
 * - Removes the framework's default role `IamRoleLambdaExecution` once every function has its own
 *   (serverless-iam-roles-per-function), so no unused role with extra grants is deployed.
 */
class EshopConventions {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    const ServerlessError = serverless.classes.Error;

    /** @param {(variable: string) => Promise<unknown>} resolveVariable @param {string} name */
    const paramValue = async (resolveVariable, name) => {
      try {
        return await resolveVariable(`param:${name}`);
      } catch {
        return null;
      }
    };

    /**
     * @param {(variable: string) => Promise<unknown>} resolveVariable
     * @param {string} name
     * @param {{ stage?: string }} options
     */
    const requiredValue = async (resolveVariable, name, options) => {
      const value = await paramValue(resolveVariable, name);
      if (value === null || value === undefined || value === '') {
        const stage = options.stage ?? 'dev';
        throw new ServerlessError(
          `Missing param "${name}" for stage "${stage}". Pass --param="${name}=..." to this ` +
            `service, set it under params: in serverless-compose.yml, or add it to stage "${stage}" ` +
            'in packages/serverless-config/src/params.ts.',
          'ESHOP_MISSING_PARAM',
        );
      }
      return value;
    };

    this.configurationVariablesSources = {
      requiredParam: {
        /** @param {{ address: string, resolveVariable: (variable: string) => Promise<unknown>, options: { stage?: string } }} input */
        resolve: async ({ address, resolveVariable, options }) => ({
          value: await requiredValue(resolveVariable, address, options),
        }),
      },
      listParam: {
        /** @param {{ address: string, resolveVariable: (variable: string) => Promise<unknown>, options: { stage?: string } }} input */
        resolve: async ({ address, resolveVariable, options }) => ({
          value: String(await requiredValue(resolveVariable, address, options))
            .split(',')
            .map((item) => item.trim())
            .filter((item) => item !== ''),
        }),
      },
      integerParam: {
        /** @param {{ address: string, resolveVariable: (variable: string) => Promise<unknown>, options: { stage?: string } }} input */
        resolve: async ({ address, resolveVariable, options }) => {
          const value = Number(await requiredValue(resolveVariable, address, options));
          if (!Number.isInteger(value)) {
            throw new ServerlessError(`Param "${address}" must be a whole number`, 'ESHOP_INVALID_PARAM');
          }
          return { value };
        },
      },
      dataRetention: {
        /** @param {{ address: string, resolveVariable: (variable: string) => Promise<unknown> }} input */
        resolve: async ({ address, resolveVariable }) => {
          const throwaway = await paramValue(resolveVariable, 'throwaway');
          if (throwaway !== 'true' && throwaway !== 'false') {
            throw new ServerlessError(
              `Param "throwaway" must be "true" or "false", got ${JSON.stringify(throwaway)}`,
              'ESHOP_INVALID_PARAM',
            );
          }
          const retention = throwaway === 'true' ? RETENTION.throwaway : RETENTION.retained;
          if (!Object.hasOwn(retention, address)) {
            throw new ServerlessError(`Unknown dataRetention setting "${address}"`, 'ESHOP_INVALID_VARIABLE');
          }
          return { value: retention[/** @type {keyof typeof retention} */ (address)] };
        },
      },
    };

    // After the per-function roles exist and the service's own resources are merged, before the
    // template is written.
    this.hooks = {
      'before:aws:package:finalize:saveServiceState': () => this.removeUnusedDefaultRole(),
    };
  }

  removeUnusedDefaultRole() {
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const { IamRoleLambdaExecution, ...others } = template.Resources;
    if (IamRoleLambdaExecution === undefined) return;
    const stillUsed = JSON.stringify({ ...template, Resources: others }).includes('"IamRoleLambdaExecution"');
    if (!stillUsed) delete template.Resources.IamRoleLambdaExecution;
  }
}

module.exports = EshopConventions;
