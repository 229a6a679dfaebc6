import type { AWS } from '@serverless/typescript';
import { accessLogFormat, httpApiStageExtension, operationsResources } from './operations.js';
import { listParam, requiredParam, stageParams } from './params.js';

export {
  ALARM_TOPIC,
  accessLogFormat,
  alarm,
  functionErrorsAlarm,
  queueHasMessagesAlarm,
} from './operations.js';
export { integerParam, listParam, requiredParam, stageParams } from './params.js';

/**
 * What every service's `serverless.ts` shares, written once (swarmion's `sharedConfig.ts` pattern):
 * a service file then says only what is its own — functions, resources, params and environment.
 * The local cloud reads each service through `serverless print`, so whatever is set here reaches
 * `pnpm dev`, the tests and a deploy alike.
 */
export type ServerlessConfiguration = AWS;
type Provider = AWS['provider'];

/**
 * Who issues the tokens an API accepts: an issuer URL and the audience (app client id), each a
 * value or a `${...}` variable of the service's configuration.
 */
export interface TokenIssuer {
  issuer: string;
  audience: string;
}

const frameworkVersion = '4';

const plugins = [
  'serverless-esbuild',
  'serverless-offline',
  'serverless-iam-roles-per-function',
  '@eshop/serverless-config/plugin',
];

/** One zip per function, each with only its own bundle. */
const packaging = { individually: true };

/** The development token issuer `pnpm dev` runs (tests pass their own through the environment). */
export const localTokenIssuer: TokenIssuer = {
  issuer: stageParams.local?.jwtIssuer ?? '',
  audience: stageParams.local?.jwtAudience ?? '',
};

/**
 * The tokens of product's Cognito user pool, for the services that don't own it: compose passes
 * its issuer URL and app client id (product's UserPoolIssuerUrl and UserPoolClientId outputs);
 * deploying alone needs --param="jwtIssuer=..." --param="jwtAudience=...". No default on purpose;
 * the local stage's params name the local cloud's issuer.
 */
export const userPoolTokens: TokenIssuer = {
  issuer: requiredParam('jwtIssuer'),
  audience: requiredParam('jwtAudience'),
};

/** Every resource of a stack is tagged with its service and stage. */
const tags = { service: '${self:service}', stage: '${sls:stage}' };

/** The Lambda settings every function runs with. The region is the CLI's (`--region`, default us-east-1). */
const provider = {
  name: 'aws',
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  memorySize: 512,
  timeout: 10,
  stage: "${opt:stage, 'dev'}",
  logRetentionInDays: 14,
  // CloudFormation puts the stack's tags on every resource of the stack that takes tags; the
  // framework also writes `tags` into the functions, the HTTP API and its stage.
  stackTags: tags,
  tags,
  logs: { httpApi: { format: accessLogFormat } },
} satisfies Provider;

/**
 * Environment every function gets, besides its service's own. No `NODE_OPTIONS=--enable-source-maps`:
 * it costs every cold start ~10 ms; the logger maps a stack to the TypeScript sources only when
 * an error is logged (packages/shared/src/logging/source-mapped-stack.ts).
 */
export const sharedEnvironment = {
  POWERTOOLS_LOG_LEVEL: '${param:logLevel}',
};

/** Environment of every function behind the HTTP API: its CORS origins and token issuer. */
const httpEnvironment = ({ issuer, audience }: TokenIssuer) => ({
  // Comma-separated; the HTTP middleware splits it.
  CORS_ALLOWED_ORIGINS: requiredParam('corsAllowedOrigins'),
  JWT_ISSUER: issuer,
  JWT_AUDIENCE: audience,
});

/**
 * The HTTP API: CORS for the configured origins, and a JWT authorizer for the token issuer.
 * Deployed, API Gateway rejects requests without a valid token before any Lambda runs; the
 * functions verify the token again with the same rules (and locally, they are the check).
 */
const httpApi = ({ issuer, audience }: TokenIssuer) => ({
  cors: {
    // The comma-separated param as a list: one CorsConfiguration.AllowOrigins entry per origin.
    allowedOrigins: listParam('corsAllowedOrigins'),
    allowedHeaders: [
      'content-type',
      'x-correlation-id',
      'if-match',
      'idempotency-key',
      'authorization',
      'prefer',
    ],
    exposedResponseHeaders: [
      'location',
      'etag',
      'x-correlation-id',
      'idempotent-replayed',
      'preference-applied',
    ],
  },
  authorizers: {
    jwt: { identitySource: '$request.header.Authorization', issuerUrl: issuer, audience: [audience] },
  },
});

/**
 * serverless-esbuild's settings: every function is bundled alone, minified, for Node 22, as
 * CommonJS (`.cjs`, which Lambda's runtime loads with `require`). Measured against the same bundle
 * as ESM (`.mjs`, loaded with `import()`): init is 7-8 ms shorter (getProduct 86.6 vs 94.4 ms,
 * checkoutBasket 103.8 vs 110.7 ms, medians of 40 alternating fresh processes, issue 14), and the
 * bundle needs no `require` shim for the CommonJS dependencies.
 */
export const esbuild = {
  // The local cloud gives each concurrent build (tests, pnpm dev, package) its own folder.
  outputWorkFolder: "${env:ESBUILD_WORK_FOLDER, '.esbuild'}",
  // Build all of a service's functions in one esbuild call and stop esbuild afterwards, instead of
  // keeping an incremental context per function alive for the whole `sls offline` session
  // (~300-500 MiB per service). The bundles are the same (patches/serverless-esbuild@1.57.2.patch).
  skipRebuild: true,
  bundle: true,
  minify: true,
  sourcemap: 'linked' as const,
  sourcesContent: false,
  format: 'cjs' as const,
  outputFileExtension: '.cjs',
  platform: 'node' as const,
  target: 'node22',
  // The Lambda runtime ships AWS SDK v3, but bundling our pinned, tree-shaken copy is smaller
  // to load than the full runtime copy and keeps local and deployed code identical.
  exclude: [],
  mainFields: ['module', 'main'],
  // The SDK's ES modules load some Node built-ins on first use with `import()` (node:http in the
  // HTTP handler, node:async_hooks in @aws/lambda-invoke-store). From a CommonJS bundle each one
  // goes through Node's ES module loader, which on Node 22 (Lambda's runtime) added ~26 ms to the
  // first request of every function (the consumer's: 71.6 → 45.4 ms, issue 14); Node 20 hides it.
  // Marking `import()` unsupported makes esbuild emit `require` for them instead, with the same
  // namespace object (`__toESM`).
  supported: { 'dynamic-import': false },
  // Resolved from the service's folder. A function finds its credentials in the environment:
  // bundle only that part of the SDK's credential chain (see lambda-credentials.ts). And none of
  // its clients streams events: leave out the SDK's event-stream support, whose `import()` alone
  // cost every function 6-7 ms of init (see no-event-streams.ts).
  alias: {
    '@aws-sdk/credential-provider-node': '@eshop/serverless-config/lambda-credentials',
    '@smithy/core/event-streams': '@eshop/serverless-config/no-event-streams',
  },
};

/**
 * serverless-offline's defaults for `sls offline` run by hand in a service folder; `pnpm dev` and
 * the tests pass their own ports on the command line.
 */
const serverlessOffline = (httpPort: number) => ({
  host: '127.0.0.1',
  httpPort,
  lambdaPort: httpPort + 10,
  noPrependStageInUrl: true,
  // Offline's JWT authorizer checks no signature and answers in its own format; the functions'
  // verification (signature, issuer, audience, expiry → 401 problem+json) is the local check.
  noAuth: true,
});

/** An IAM statement allowing `actions` on `resource`: what each function's role is made of. */
export const allow = (actions: string[], resource: unknown) => ({
  Effect: 'Allow',
  Action: actions,
  Resource: resource,
});

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A function answering one route of the service's HTTP API: its handler is the composition root
 * `src/functions/<file>.ts`, its role holds exactly `iamRoleStatements`. A signed-in route goes
 * through the API's JWT authorizer (named `jwt`, from the user pool).
 */
const httpFunction =
  (authorizer: { name: string } | undefined) =>
  (file: string, route: `${HttpMethod} /${string}`, iamRoleStatements: ReturnType<typeof allow>[]) => {
    const space = route.indexOf(' ');
    const [method, path] = [route.slice(0, space), route.slice(space + 1)];
    return {
      handler: `src/functions/${file}.handler`,
      events: [{ httpApi: { method, path, ...(authorizer === undefined ? {} : { authorizer }) } }],
      iamRoleStatements,
    };
  };

/**
 * A route anyone may call (catalog reads).
 *
 * @example
 * getProduct: publicHttpFunction('get-product', 'GET /product/{id}', [allow(['dynamodb:GetItem'], table)]),
 */
export const publicHttpFunction = httpFunction(undefined);

/**
 * A route for signed-in users: API Gateway checks the token first, the function checks it again.
 *
 * @example
 * getBasket: signedInHttpFunction('get-basket', 'GET /basket/{userName}', [allow(['dynamodb:GetItem'], table)]),
 */
export const signedInHttpFunction = httpFunction({ name: 'jwt' });

/** `Fn::GetAtt` of a resource of the same template, by default its ARN. */
export const getAtt = (logicalId: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [logicalId, attribute] });

/**
 * What keeps a stateful resource (a table, the user pool) from dying with its stack: retained when
 * the stack is removed or the resource replaced, unless the stage is declared `throwaway`.
 */
export const retainedUnlessThrowaway = {
  DeletionPolicy: '${dataRetention:deletionPolicy}',
  UpdateReplacePolicy: '${dataRetention:deletionPolicy}',
};

/** The key of a table or an index: a partition key and an optional sort key, both strings. */
export interface TableKey {
  partition: string;
  sort?: string;
}

const keySchemaOf = ({ partition, sort }: TableKey) => [
  { AttributeName: partition, KeyType: 'HASH' },
  ...(sort === undefined ? [] : [{ AttributeName: sort, KeyType: 'RANGE' }]),
];

/**
 * A DynamoDB table the way every service keeps one: on demand, with point-in-time recovery,
 * encryption at rest, and retained and protected from deletion unless the stage is throwaway.
 * The caller gives the name, the key and any global secondary indexes (each projecting every
 * attribute); the key attributes' definitions follow from them. Other properties pass through.
 *
 * @example
 * dynamoDbTable({ name: '${self:custom.orderTableName}', key: { partition: 'userName', sort: 'orderKey' } })
 */
export const dynamoDbTable = ({
  name,
  key,
  indexes = {},
  ...properties
}: {
  name: string;
  key: TableKey;
  indexes?: Record<string, TableKey>;
  [property: string]: unknown;
}) => {
  const keyAttributes = [key, ...Object.values(indexes)].flatMap(({ partition, sort }) =>
    sort === undefined ? [partition] : [partition, sort],
  );
  const globalIndexes = Object.entries(indexes).map(([IndexName, indexKey]) => ({
    IndexName,
    KeySchema: keySchemaOf(indexKey),
    Projection: { ProjectionType: 'ALL' },
  }));
  return {
    Type: 'AWS::DynamoDB::Table',
    ...retainedUnlessThrowaway,
    Properties: {
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...new Set(keyAttributes)].map((AttributeName) => ({
        AttributeName,
        AttributeType: 'S',
      })),
      KeySchema: keySchemaOf(key),
      ...(globalIndexes.length === 0 ? {} : { GlobalSecondaryIndexes: globalIndexes }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: '${dataRetention:deletionProtection}',
      ...properties,
    },
  };
};

/** What a service says about itself; `defineService` adds everything services share. */
export interface ServiceDefinition {
  service: string;
  /** serverless-offline's HTTP port for `sls offline` run by hand in the service folder. */
  localPort: number;
  tokenIssuer: TokenIssuer;
  /** The service's own params per stage, merged over `stageParams`. */
  params?: Record<string, Record<string, string>>;
  /** The service's own environment for all its functions, besides the shared one. */
  environment: Record<string, string>;
  custom?: Record<string, unknown>;
  functions: NonNullable<AWS['functions']>;
  resources: NonNullable<AWS['resources']>;
}

/**
 * A service's whole configuration: its own parts plus the provider, bundling, local settings,
 * HTTP API and params every service shares.
 *
 * @example
 * export default defineService({ service: 'eshop-product', localPort: 3001, tokenIssuer, environment, functions, resources });
 */
export const defineService = ({
  service,
  localPort,
  tokenIssuer,
  params = {},
  environment,
  custom = {},
  functions,
  resources,
}: ServiceDefinition): ServerlessConfiguration => {
  const stages = new Set([...Object.keys(stageParams), ...Object.keys(params)]);
  return {
    service,
    frameworkVersion,
    package: packaging,
    plugins,
    params: Object.fromEntries(
      [...stages].map((stage) => [stage, { ...stageParams[stage], ...params[stage] }]),
    ),
    provider: {
      ...provider,
      environment: { ...environment, ...sharedEnvironment },
      httpApi: httpApi(tokenIssuer),
    },
    custom: { ...custom, esbuild, 'serverless-offline': serverlessOffline(localPort) },
    functions: Object.fromEntries(
      Object.entries(functions).map(([name, fn]) => [
        name,
        withConventions(fn, httpEnvironment(tokenIssuer)),
      ]),
    ),
    resources: {
      ...resources,
      Conditions: { ...operationsResources.Conditions, ...resources.Conditions },
      Resources: Object.assign(
        {},
        operationsResources.Resources,
        resources.Resources,
      ) as Resources['Resources'],
      Outputs: { ...operationsResources.Outputs, ...resources.Outputs },
      extensions: { ...httpApiStageExtension, ...resources.extensions },
    },
  };
};

type FunctionDefinition = NonNullable<AWS['functions']>[string];
type Resources = NonNullable<AWS['resources']>;

/**
 * A function as every service runs one: a role of its own (no statements: only its logs), so the
 * framework's shared default role is never used and is removed; and, behind the HTTP API, the
 * CORS origins and token issuer in its environment (a function without HTTP events, such as a queue
 * consumer or a Cognito trigger, gets neither, and so depends on no user pool).
 */
const withConventions = (fn: FunctionDefinition, httpOnly: Record<string, string>): FunctionDefinition => {
  const { iamRoleStatements = [], ...rest } = fn as FunctionDefinition & { iamRoleStatements?: unknown[] };
  const servesHttp = (fn.events ?? []).some((event) => 'httpApi' in event);
  return {
    ...rest,
    iamRoleStatements,
    ...(servesHttp ? { environment: { ...httpOnly, ...fn.environment } } : {}),
  } as FunctionDefinition;
};
