import { apiDocumentHandler } from '../http/api-document-handler.js';
import { createLogger } from '../logger.js';
import { type ApiDescription, type ApiOperation, apiDocument, httpRoutesOf } from './api-document.js';
import { describingDeps } from './describing-deps.js';
import { apiDocumentSchema } from './page-schema.js';

/** Builds a handler's dependencies only to read its contract; see {@link describingDeps}. */
export type DescribingDeps = <T extends object>() => T;

export interface ServiceApi extends Omit<ApiDescription, 'routes' | 'operations'> {
  /** The service's serverless configuration: its name, and the HTTP routes it declares. */
  service: Parameters<typeof httpRoutesOf>[0] & { service: string };
  /** One operation per route but `getApiDocument`, which every service has and is described here. */
  operations: (deps: DescribingDeps) => Record<string, ApiOperation>;
}

/**
 * A service's OpenAPI document: {@link apiDocument} over the routes its `serverless.ts` declares,
 * with the `GET /openapi.json` operation every service serves.
 *
 * @example
 * export const productApiDocument = () =>
 *   serviceApiDocument({ service, title: 'eshop product API', ..., operations: (deps) => ({
 *     getProduct: { handler: getProductHandler(deps()), tag: 'catalog', ... },
 *   }) });
 */
export const serviceApiDocument = ({ service, operations, ...api }: ServiceApi) => {
  const logger = createLogger(service.service);
  const deps: DescribingDeps = () => describingDeps({ logger });
  return apiDocument({
    ...api,
    routes: httpRoutesOf(service),
    operations: {
      ...operations(deps),
      getApiDocument: {
        handler: apiDocumentHandler({ logger, document: {} }),
        tag: 'about',
        summary: 'This document',
        responses: { 200: { description: 'The OpenAPI document of this API', body: apiDocumentSchema } },
        usesDependencies: false,
      },
    },
  });
};
