import { describe, expect, it } from 'vitest';
import type { Access } from '../http/middleware/authenticate.js';
import type { RequestSchemas } from '../http/parse-request.js';
import * as z from '../zod.js';
import {
  type ApiDescription,
  type ApiDocument,
  type ApiOperation,
  type ApiRoute,
  apiDocument,
} from './api-document.js';

// Describing an API reads only a handler's contract, so a contract stands in for the handler.
const operation = (
  request: RequestSchemas,
  { access = 'public', ...rest }: Partial<ApiOperation> & { access?: Access } = {},
): ApiOperation => ({
  handler: { contract: { request, access } },
  tag: 'things',
  summary: 'A thing',
  responses: { 200: { description: 'The thing' } },
  ...rest,
});

const route = (functionName: string, path = `/${functionName}`, method = 'get'): ApiRoute => ({
  functionName,
  method,
  path,
});

const describedApi = (routes: ApiRoute[], operations: Record<string, ApiOperation>): ApiDescription => ({
  title: 'things API',
  version: '1',
  description: 'Things',
  localUrl: 'http://127.0.0.1:3000',
  routes,
  operations,
});

const getAt = ({ paths }: ApiDocument, path: string) => paths[path]?.get as Record<string, unknown>;
const statusesOf = (document: ApiDocument, path: string) =>
  Object.keys(getAt(document, path).responses as Record<string, unknown>);

describe('apiDocument', () => {
  describe('refuses a service declared wrongly', () => {
    it('a route whose path templates a parameter its handler does not parse', () => {
      const api = describedApi([route('getThing', '/things/{id}')], { getThing: operation({}) });

      expect(() => apiDocument(api)).toThrow(
        new Error('getThing: /things/{id} has {id} but its handler parses {}'),
      );
    });

    it('a route without a description', () => {
      const api = describedApi([route('getThing', '/things'), route('listThings', '/things', 'post')], {
        getThing: operation({}),
      });

      expect(() => apiDocument(api)).toThrow(new Error('No description of post /things'));
    });

    it('descriptions without a route, naming each', () => {
      const api = describedApi([route('getThing')], {
        getThing: operation({}),
        listThings: operation({}),
        deleteThing: operation({}),
      });

      expect(() => apiDocument(api)).toThrow(
        new Error('Operations without a route: listThings, deleteThing'),
      );
    });

    it('a problem status no document explains', () => {
      const api = describedApi([route('getThing')], { getThing: operation({}, { problems: [418] }) });

      expect(() => apiDocument(api)).toThrow(new Error('No description of problem status 418'));
    });
  });

  it('matches path parameters by name, whatever order the path and the schema list them in', () => {
    const path = z.object({ shelf: z.string(), bin: z.string() });
    const api = describedApi(
      [route('getBin', '/bins/{bin}/shelves/{shelf}'), route('getShelf', '/shelves/{shelf}/bins/{bin}')],
      { getBin: operation({ path }), getShelf: operation({ path }) },
    );

    const { paths } = apiDocument(api);

    // Parameters follow the schema's order, whatever the path's.
    for (const [templated, operationId] of [
      ['/bins/{bin}/shelves/{shelf}', 'getBin'],
      ['/shelves/{shelf}/bins/{bin}', 'getShelf'],
    ] as const) {
      expect(paths[templated]?.get).toMatchObject({
        operationId,
        parameters: [
          { name: 'shelf', in: 'path', required: true },
          { name: 'bin', in: 'path', required: true },
          { name: 'x-correlation-id', in: 'header' },
        ],
      });
    }
  });

  it('answers 503 on a protected endpoint that calls nothing itself: the token issuer’s keys can be unavailable', () => {
    const api = describedApi([route('getMine'), route('getPublic')], {
      getMine: operation({}, { access: 'user', usesDependencies: false }),
      getPublic: operation({}, { usesDependencies: false }),
    });

    const document = apiDocument(api);

    expect(statusesOf(document, '/getMine')).toEqual(['200', '401', '403', '500', '503']);
    expect(statusesOf(document, '/getPublic')).toEqual(['200', '500']);
  });

  it('gives an operation without a description no `description` at all', () => {
    const api = describedApi([route('getThing'), route('listThings')], {
      getThing: operation({}),
      listThings: operation({}, { description: 'All of them' }),
    });

    const document = apiDocument(api);

    // Not even `description: undefined`, which a consumer of the object would see as a key.
    expect(Object.keys(getAt(document, '/getThing'))).not.toContain('description');
    expect(getAt(document, '/listThings')).toMatchObject({ description: 'All of them' });
  });
});
