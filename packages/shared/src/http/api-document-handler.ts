import { type HttpDeps, httpHandler } from './http-handler.js';
import { ok } from './responses.js';

/**
 * GET /openapi.json: the service's OpenAPI document, public, served by the API it describes (so a
 * deployed API and `pnpm dev` both answer it at their own address). The document is the committed,
 * generated file, bundled into the function.
 *
 * @example
 * export const handler = apiDocumentHandler({ ...httpEnvironment('product'), document });
 */
export const apiDocumentHandler = ({ document, ...deps }: HttpDeps & { document: unknown }) =>
  httpHandler({ ...deps, access: 'public', request: {} }, async () => ok(document));
