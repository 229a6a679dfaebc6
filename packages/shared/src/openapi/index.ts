// `@eshop/shared/openapi`: builds the services' API descriptions and event schemas from the zod
// schemas the code validates with. Used by the `pnpm openapi` scripts and tests, never bundled into
// a function (the functions serve the generated file).
export {
  type ApiDescription,
  type ApiDocument,
  type ApiOperation,
  type ApiResponse,
  type ApiRoute,
  apiDocument,
  httpRoutesOf,
} from './api-document.js';
export { describingDeps } from './describing-deps.js';
export { eventJsonSchema } from './event-schema.js';
export type { HeaderObject, HeaderParameter } from './headers.js';
export { type JsonSchema, jsonSchemaOf } from './json-schema.js';
export { apiDocumentSchema, pageSchemaOf } from './page-schema.js';
export { type DescribingDeps, type ServiceApi, serviceApiDocument } from './service-api-document.js';
export { jsonFileText, writeJsonFile } from './write-json.js';
