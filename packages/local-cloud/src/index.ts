// The one public entry of @eshop/local-cloud: local stand-ins for AWS and the helpers that run them.
export {
  type CognitoTokens,
  type DeployedStage,
  readDeployedStage,
  signInWithSrp,
} from './auth/cognito.js';
export {
  LOCAL_AUDIENCE,
  type RunningDevIssuer,
  requestToken,
  startDevIssuer,
  subjectOf,
  type TokenOptions,
  type TokenRequest,
  type TokenUse,
} from './auth/dev-issuer.js';

export {
  discoverServices,
  type LocalCloudOptions,
  type RunningLocalCloud,
  startLocalCloud,
} from './dev/local-cloud.js';
export { LOCAL_HOST, type LocalCloudPorts } from './dev/ports.js';
export { type DocumentedApi, docsPage } from './docs/docs-page.js';
export { type RunningDocsServer, startDocsServer } from './docs/docs-server.js';
export { createTableLike, createTables } from './dynamodb/create-tables.js';
export {
  type DynamoDbLocalOptions,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
} from './dynamodb/dynamodb-local.js';
export { seedTables } from './dynamodb/seed-tables.js';
export {
  type EventBridgeOptions,
  InvalidEventPatternError,
  matchesEventPattern,
  type RunningEventBridge,
  startEventBridge,
  validateEventPattern,
} from './eventbridge/index.js';
export {
  type AwsService,
  type FaultConfig,
  type FaultCounts,
  type FaultProxyOptions,
  type RunningFaultProxy,
  startFaultProxy,
} from './faults/index.js';
export { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from './local-aws.js';
export {
  type RunningServiceOffline,
  type ServiceOfflineOptions,
  startServiceOffline,
} from './offline/serverless-offline.js';
export { assertPortFree, freePort } from './process/free-port.js';
export { type LocalSqsOptions, type RunningLocalSqs, startLocalSqs } from './sqs/index.js';
export { type PackagedService, packageService } from './templates/package-service.js';
export {
  loadServiceConfig,
  resourcesOfType,
  type ServiceConfig,
  serverlessCli,
  serverlessCliEnvironment,
} from './templates/service-config.js';
export {
  createTraceJournal,
  readTraceStream,
  TRACE_PATH,
  type TraceEntry,
  type TraceJournal,
} from './trace/index.js';
