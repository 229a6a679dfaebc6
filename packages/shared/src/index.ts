// The one public entry of @eshop/shared. AWS clients are subpath exports (`@eshop/shared/clients/*`)
// because importing one creates it: only the function entry files that use a client import it.
export { assertActsFor, type Identity } from './auth/identity.js';
export { buildJwtVerifier, type VerifyToken } from './auth/jwt-verifier.js';
export { createDocumentClient, isConditionalCheckFailed } from './aws/dynamodb.js';
export { type ScanPageQuery, scanPage } from './aws/scan-page.js';
export { optionalEnv, requireEnv } from './env.js';
export {
  BadRequestError,
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthorizedError,
  ValidationError,
} from './errors.js';
export {
  CheckoutBasket,
  type CheckoutBasketDetail,
  type CheckoutItem,
  checkoutItemSchema,
} from './events/checkout-basket.js';
export { InvalidEventError, parseEvent } from './events/event-definition.js';
export { productIdSchema, userNameSchema } from './events/identifiers.js';
export { buildPublishEvent, EventPublishError, type PublishEvent } from './events/publish-event.js';
export { apiDocumentHandler } from './http/api-document-handler.js';
export { httpEnvironment, signedInHttpEnvironment } from './http/http-environment.js';
export { type HttpContract, type HttpDeps, type HttpHandler, httpHandler } from './http/http-handler.js';
export { cursorParam, limitParam } from './http/list-params.js';
export { cursorKeyString, decodeCursor, encodeCursor, type Page } from './http/pagination.js';
export { accepted, created, noContent, ok } from './http/responses.js';
export { type GetJsonOptions, getJson } from './http-client/get-json.js';
export { createLogger, type Logger } from './logger.js';
export { withLambdaContext } from './logging/with-lambda-context.js';
export {
  type BusinessMetric,
  type CountMetric,
  createMetricCounter,
  METRICS_NAMESPACE,
} from './metrics.js';
