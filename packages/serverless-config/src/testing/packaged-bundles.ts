import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { isIntrinsic, isPlainObject } from '../validation/intrinsics.js';
import type { CloudFormationTemplate } from '../validation/template.js';

const run = promisify(execFile);
const invoker = fileURLToPath(new URL('./invoke-bundle.mjs', import.meta.url));

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** A plausible deploy-time value for `Ref` of a resource of each type (what CloudFormation returns). */
const refValue = (template: CloudFormationTemplate, logicalId: string): string => {
  if (logicalId === 'AWS::Region') return REGION;
  if (logicalId === 'AWS::AccountId') return ACCOUNT;
  if (logicalId === 'AWS::Partition') return 'aws';
  if (logicalId === 'AWS::URLSuffix') return 'amazonaws.com';
  switch (template.Resources?.[logicalId]?.Type) {
    case 'AWS::Cognito::UserPool':
      return `${REGION}_Example${logicalId}`;
    case 'AWS::Cognito::UserPoolClient':
      return `exampleclient${logicalId.toLowerCase()}`;
    case 'AWS::SQS::Queue':
      return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${logicalId}`;
    default:
      return logicalId;
  }
};

/**
 * A value as it would be once deployed: intrinsic functions (`Ref`, `Fn::GetAtt`, `Fn::Sub`,
 * `Fn::Join`) replaced by plausible values of the right shape, e.g. an issuer URL with a user
 * pool id, so code that parses its configuration at load sees what it would see on Lambda.
 */
export const deployedValue = (template: CloudFormationTemplate, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map((element) => deployedValue(template, element));
  if (!isIntrinsic(value)) {
    return isPlainObject(value)
      ? Object.fromEntries(Object.entries(value).map(([key, v]) => [key, deployedValue(template, v)]))
      : value;
  }
  const [[name, argument]] = Object.entries(value) as [[string, unknown]];
  switch (name) {
    case 'Ref':
      return refValue(template, String(argument));
    case 'Fn::GetAtt': {
      const [logicalId] = Array.isArray(argument) ? argument : String(argument).split('.');
      return `arn:aws:example:${REGION}:${ACCOUNT}:${logicalId}`;
    }
    case 'Fn::Sub':
      return String(Array.isArray(argument) ? argument[0] : argument).replace(
        /\$\{([^!}][^}]*)\}/g,
        (_, ref: string) =>
          ref.includes('.')
            ? String(deployedValue(template, { 'Fn::GetAtt': ref }))
            : refValue(template, ref),
      );
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map((part) => deployedValue(template, part)).join(separator);
    }
    default:
      throw new Error(`No deployed value for ${name} in a function's environment`);
  }
};

/** The files of a function's packaged zip (`<packageDir>/<name>.zip`), by path inside the zip. */
export const functionZipFiles = (packageDir: string, name: string): Record<string, Uint8Array> =>
  unzipSync(new Uint8Array(readFileSync(join(packageDir, `${name}.zip`))));

/** What happened when a packaged function was loaded (and maybe invoked) in a fresh process. */
export interface BundleOutcome {
  loaded: boolean;
  result?: unknown;
  error?: string;
}

/**
 * Loads a function from its packaged zip, as Lambda would, in a fresh Node process whose
 * environment is the function's own from the template (intrinsics filled with plausible values)
 * plus `overrides`; with an `event`, also invokes the handler once.
 *
 * @example
 * const outcome = await runPackagedFunction(packageDir, template, 'getProduct');
 * expect(outcome).toEqual({ loaded: true });
 */
export const runPackagedFunction = async (
  packageDir: string,
  template: CloudFormationTemplate,
  name: string,
  { overrides = {}, event }: { overrides?: Record<string, string>; event?: unknown } = {},
): Promise<BundleOutcome> => {
  const logicalId = `${name.charAt(0).toUpperCase()}${name.slice(1)}LambdaFunction`;
  const properties = template.Resources?.[logicalId]?.Properties ?? {};
  const handler = String(properties.Handler);
  const variables =
    (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  const dir = await mkdtemp(join(tmpdir(), `bundle-${name}-`));
  try {
    const files = functionZipFiles(packageDir, name);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const exportAt = handler.lastIndexOf('.');
    // As Lambda's runtime looks for the handler's module: an ES module first, then CommonJS.
    const base = join(dir, handler.slice(0, exportAt));
    const entry = ['.mjs', '.cjs', '.js']
      .map((extension) => `${base}${extension}`)
      .find((file) => existsSync(file));
    if (entry === undefined)
      return { loaded: false, error: `no module for handler ${handler} in ${name}.zip` };
    const resultFile = join(dir, 'outcome.json');
    const environment = Object.fromEntries(
      Object.entries(variables).map(([key, value]) => [key, String(deployedValue(template, value))]),
    );
    await run(
      process.execPath,
      [
        invoker,
        entry,
        handler.slice(exportAt + 1),
        event === undefined ? '' : JSON.stringify(event),
        resultFile,
      ],
      {
        // Only what Lambda would set: nothing leaks in from the test's own environment.
        env: {
          PATH: process.env.PATH,
          AWS_REGION: REGION,
          AWS_LAMBDA_FUNCTION_NAME: String(properties.FunctionName ?? name),
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(properties.MemorySize ?? 1024),
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          ...environment,
          ...overrides,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return JSON.parse(await readFile(resultFile, 'utf8')) as BundleOutcome;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
