// @eshop/local-cloud/testing: what the test projects use to run against the local cloud.
export {
  apiContract,
  ContractViolation,
  checkAgainstApiContract,
  committedApiDocuments,
  type SeenResponse,
  validateApiDocument,
} from './api-contract.js';
export { checkoutRequest } from './checkout-request.js';
export { dynamoDbCancellingTransactions, dynamoDbFailing } from './conflicting-dynamodb.js';
export { type EventBusTap, tapEventBus } from './event-bus-tap.js';
export { EXAMPLE_DEPLOY_PARAMS } from './example-deploy-params.js';
export type { LocalCloudContext } from './global-setup.js';
export { localDocumentClient } from './local-clients.js';
export { localCloud } from './local-cloud-context.js';
export { type LocalCloudUnderTest, startLocalCloudUnderTest } from './local-cloud-under-test.js';
export {
  type PackagedTemplate,
  type Permission,
  readPackagedTemplate,
  sortPermissions,
} from './packaged-template.js';
export { type JsonResponse, requestJson } from './request-json.js';
export { type RestartableTable, restartableTableLike } from './restartable-table.js';
export { restartableTableForThisFile, tableLikeForThisFile } from './tables-of-a-test-file.js';
export { addTestRule, type TestRuleDefinition } from './test-rule.js';
