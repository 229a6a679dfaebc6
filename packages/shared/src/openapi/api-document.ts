import type { $ZodType } from 'zod/v4/core';
import type { HttpContract } from '../http/http-handler.js';
import {
  correlationIdHeader,
  correlationIdParameter,
  type HeaderObject,
  type HeaderParameter,
  preferenceAppliedHeader,
  preferParameter,
} from './headers.js';
import { type JsonSchema, jsonSchemaOf } from './json-schema.js';
import { problemComponents, problemResponse } from './problems.js';

/** A success response of an operation. */
export interface ApiResponse {
  description: string;
  /** A component schema's name, or a zod schema of the body (described as it is output). */
  body?: string | $ZodType;
  headers?: Record<string, HeaderObject>;
}

/** What the document says about one endpoint, besides what its handler declared. */
export interface ApiOperation {
  /** The endpoint's handler: its request schemas and access become parameters, body and security. */
  handler: { readonly contract: HttpContract };
  summary: string;
  description?: string;
  tag: string;
  /** Request headers the handler reads itself (`If-Match`, `Idempotency-Key`). */
  headers?: HeaderParameter[];
  /** Success responses by status. */
  responses: Record<number, ApiResponse>;
  /** Problem statuses of this endpoint's own rules (404, 409, 412), besides those every endpoint has. */
  problems?: number[];
  /** False for an endpoint that calls nothing that can be unavailable (no 503). */
  usesDependencies?: boolean;
}

/** A route of the service's HTTP API, as its `serverless.ts` declares it. */
export interface ApiRoute {
  functionName: string;
  method: string;
  path: string;
}

export interface ApiDescription {
  title: string;
  version: string;
  description: string;
  /** Where `pnpm dev` serves it, e.g. `http://127.0.0.1:3001`. */
  localUrl: string;
  routes: ApiRoute[];
  /** One per route, by the route's function name (which becomes the operationId). */
  operations: Record<string, ApiOperation>;
  /** Named response bodies, referenced by name from responses. */
  schemas?: Record<string, $ZodType>;
}

interface ServiceFunctions {
  functions?: Record<string, { events?: readonly unknown[] } | undefined>;
}

const isHttpApiEvent = (event: unknown): event is { httpApi: { method: string; path: string } } =>
  typeof event === 'object' && event !== null && 'httpApi' in event;

/**
 * The HTTP routes of a service, read from its serverless configuration: the routes API Gateway
 * (and serverless-offline) will serve, so the document cannot list one that does not exist.
 */
export const httpRoutesOf = ({ functions = {} }: ServiceFunctions): ApiRoute[] =>
  Object.entries(functions).flatMap(([functionName, definition]) =>
    (definition?.events ?? []).filter(isHttpApiEvent).map(({ httpApi: { method, path } }) => ({
      functionName,
      method: method.toLowerCase(),
      path,
    })),
  );

const propertiesOf = (schema: JsonSchema): [string, JsonSchema, boolean][] => {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => [name, property, required.has(name)]);
};

const parametersOf = (contract: HttpContract, route: ApiRoute) => {
  const { path, query } = contract.request;
  const pathParameters = path === undefined ? [] : propertiesOf(jsonSchemaOf(path, { io: 'input' }));
  const templated = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
  const declared = pathParameters.map(([name]) => name).sort();
  if (JSON.stringify(templated) !== JSON.stringify(declared)) {
    throw new Error(
      `${route.functionName}: ${route.path} has {${templated}} but its handler parses {${declared}}`,
    );
  }
  return [
    ...pathParameters.map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...(query === undefined ? [] : propertiesOf(jsonSchemaOf(query, { io: 'input' }))).map(
      ([name, schema, required]) => ({ name, in: 'query', required, schema }),
    ),
  ];
};

const problemStatusesOf = (contract: HttpContract, operation: ApiOperation): number[] => {
  const { body, path, query } = contract.request;
  const statuses = [
    ...(operation.problems ?? []),
    ...(body !== undefined || path !== undefined || query !== undefined ? [400] : []),
    ...(contract.access === 'public' ? [] : [401, 403]),
    ...(body === undefined ? [] : [413, 415, 422]),
    500,
    // A protected endpoint also needs the token issuer's keys, which can be unavailable.
    ...(operation.usesDependencies !== false || contract.access !== 'public' ? [503] : []),
  ];
  return [...new Set(statuses)].sort((a, b) => a - b);
};

const bodyContent = (body: string | $ZodType) => ({
  'application/json': {
    schema:
      typeof body === 'string'
        ? { $ref: `#/components/schemas/${body}` }
        : jsonSchemaOf(body, { io: 'output' }),
  },
});

const operationObject = (route: ApiRoute, operation: ApiOperation) => {
  const { contract } = operation.handler;
  const { body } = contract.request;
  const readsBody = body !== undefined;
  const bodyHeaders = readsBody ? preferenceAppliedHeader : {};
  const successes = Object.entries(operation.responses).map(([status, response]) => [
    status,
    {
      description: response.description,
      headers: { ...correlationIdHeader, ...bodyHeaders, ...response.headers },
      ...(response.body === undefined ? {} : { content: bodyContent(response.body) }),
    },
  ]);
  const problems = problemStatusesOf(contract, operation).map((status) => [
    String(status),
    problemResponse(status, bodyHeaders),
  ]);
  return {
    operationId: route.functionName,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description === undefined ? {} : { description: operation.description }),
    // Public endpoints need no token; the others inherit the document's bearer requirement.
    ...(contract.access === 'public' ? { security: [] } : {}),
    ...(contract.access === 'admin' ? { 'x-required-group': 'admin' } : {}),
    parameters: [
      ...parametersOf(contract, route),
      correlationIdParameter,
      ...(readsBody ? [preferParameter] : []),
      ...(operation.headers ?? []),
    ],
    ...(readsBody
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(body, { io: 'input', lenient: true }) } },
          },
        }
      : {}),
    responses: Object.fromEntries([...successes, ...problems]),
  };
};

/**
 * The OpenAPI 3.1 document of a service: every route its `serverless.ts` declares, each described
 * from the handler that serves it (the request schemas it validates with and who may call it),
 * its success responses, and every problem+json answer it can give, by status.
 *
 * @example
 * const document = apiDocument({ title: 'Product API', ..., routes: httpRoutesOf(service), operations });
 */
export const apiDocument = (api: ApiDescription) => {
  const unrouted = Object.keys(api.operations).filter(
    (name) => !api.routes.some((route) => route.functionName === name),
  );
  if (unrouted.length > 0) throw new Error(`Operations without a route: ${unrouted.join(', ')}`);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of api.routes) {
    const operation = api.operations[route.functionName];
    if (operation === undefined) throw new Error(`No description of ${route.method} ${route.path}`);
    paths[route.path] = { ...paths[route.path], [route.method]: operationObject(route, operation) };
  }
  const tags = [...new Set(Object.values(api.operations).map((operation) => operation.tag))];
  return {
    openapi: '3.1.1',
    info: { title: api.title, version: api.version, description: api.description },
    servers: [{ url: api.localUrl, description: 'pnpm dev' }],
    tags: tags.map((name) => ({ name })),
    security: [{ bearerAuth: [] }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A Cognito ID or access token. Locally, paste the output of `pnpm -s token <userName>` (add `--admin` for catalog writes and the admin lists).',
        },
      },
      schemas: {
        ...problemComponents(),
        ...Object.fromEntries(
          Object.entries(api.schemas ?? {}).map(([name, schema]) => [
            name,
            jsonSchemaOf(schema, { io: 'output' }),
          ]),
        ),
      },
    },
  };
};

export type ApiDocument = ReturnType<typeof apiDocument>;
