import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CloudFormationTemplate } from '../../src/validation/validate-template.js';

const run = promisify(execFile);

/** The repository root: where serverless-compose.yml is, and where the documented commands run. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Where compose keeps a stage's state when no remote state is configured (@osls/compose LocalStateStorage). */
const stateFile = (stage: string) => join(repoRoot, '.serverless', `state.${stage}.json`);

/**
 * Writes compose's local state for a stage as if its upstream services were deployed: compose
 * resolves `${product.HttpApiUrl}` and the like from these outputs only.
 */
export const fakeDeployedOutputs = async (stage: string, outputs: Record<string, Record<string, string>>) => {
  await mkdir(join(repoRoot, '.serverless'), { recursive: true });
  const components = Object.fromEntries(
    Object.entries(outputs).map(([service, values]) => [service, { outputs: values }]),
  );
  await writeFile(stateFile(stage), JSON.stringify({ components }, null, 2));
};

export const removeComposeState = (stage: string) => rm(stateFile(stage), { force: true });

export interface CommandResult {
  code: number;
  output: string;
}

/**
 * Runs the documented root command `pnpm exec osls-compose <args>` from the repository root with
 * fake credentials (the SDK's standard variables), never reaching AWS: `AWS_ENDPOINT_URL` points
 * every AWS call at `endpoint`, a local address.
 */
export const oslsCompose = async (
  args: string[],
  endpoint: string,
  env: NodeJS.ProcessEnv = {},
): Promise<CommandResult> => {
  try {
    const { stdout, stderr } = await run('pnpm', ['exec', 'osls-compose', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        AWS_SESSION_TOKEN: '',
        AWS_PROFILE: '',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: endpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
        // Stage settings the deploying shell may have: none unless the test gives them.
        CORS_ALLOWED_ORIGINS: '',
        ALARM_EMAIL: '',
        ...env,
      },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : 1, output: `${stdout}\n${stderr}` };
  }
};

/** The template and resolved service state `serverless package` left in a service's `.serverless/`. */
export const readServicePackage = async (service: string) => {
  const dir = join(repoRoot, 'services', service, '.serverless');
  const template = JSON.parse(
    await readFile(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as CloudFormationTemplate & {
    Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  };
  const state = JSON.parse(await readFile(join(dir, 'serverless-state.json'), 'utf8')) as {
    service: { provider: { stackTags?: Record<string, string> } };
  };
  return { template, state };
};

/** One AWS API call a fake endpoint received: its `Action` and form parameters (query protocol). */
export interface RecordedCall {
  action: string;
  params: URLSearchParams;
}

const xmlError = (code: string, message: string) =>
  `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>test</RequestId></ErrorResponse>`;

/**
 * A stand-in for AWS on a local port that answers the two calls a first deploy makes before it
 * writes anything (STS GetCallerIdentity, CloudFormation DescribeStacks: no such stack), records
 * every call, and refuses the first write — the change set that creates the stack — with a
 * CloudFormation ValidationError, where a real deploy would go on.
 */
export const startFakeAws = async () => {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? `${request.method} ${request.url}`;
      calls.push({ action, params });
      response.setHeader('content-type', 'text/xml');
      if (action === 'GetCallerIdentity') {
        response.end(
          '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn>' +
            '<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>' +
            '<ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
        return;
      }
      response.statusCode = 400;
      if (action === 'DescribeStacks') {
        response.end(xmlError('ValidationError', `Stack with id ${params.get('StackName')} does not exist`));
        return;
      }
      response.end(
        xmlError(
          'ValidationError',
          'Refused by the test endpoint: this is where AWS would validate the template',
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** An address on this machine where nothing listens: any AWS call fails at once. */
export const closedEndpoint = async (): Promise<string> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
};
