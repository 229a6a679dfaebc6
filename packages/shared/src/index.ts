// The one public entry of @eshop/shared.
export { ADMIN_GROUP, assertActsFor, type Identity } from './auth/identity.js';
export { buildJwtVerifier, type JwtVerifierOptions, type VerifyToken } from './auth/jwt-verifier.js';
export { createDocumentClient, isConditionalCheckFailed } from './aws/dynamodb.js';
export { isTransientAwsError } from './aws/transient-errors.js';
export { optionalEnv, requireEnv } from './env.js';
export {
  BadRequestError,
  ConflictError,
  DomainError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.js';
export {
  CheckoutBasket,
  type CheckoutBasketDetail,
  type CheckoutItem,
  checkoutItemSchema,
} from './events/checkout-basket.js';
export {
  type DetailOf,
  defineEvent,
  type EventDefinition,
  eventBridgeEnvelopeSchema,
  InvalidEventError,
  parseEvent,
} from './events/event-definition.js';
export { buildPublishEvent, EventPublishError, type PublishEvent } from './events/publish-event.js';
export {
  type HttpHandler,
  type HttpHandlerOptions,
  type HttpRequest,
  type HttpResult,
  httpHandler,
} from './http/http-handler.js';
export { type Access, identityOf } from './http/middleware/authenticate.js';
export { CORRELATION_ID_HEADER } from './http/middleware/correlation-id.js';
export {
  cursorKeyString,
  cursorParam,
  decodeCursor,
  encodeCursor,
  limitParam,
  type Page,
} from './http/pagination.js';
export { PROBLEM_TYPE_BASE, type ProblemDetails, toProblem } from './http/problem.js';
export { accepted, created, noContent, ok } from './http/responses.js';
export { createLogger, type Logger } from './logger.js';
