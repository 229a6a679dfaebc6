import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import type { HttpDeps } from '../http/http-handler.js';
import { serviceApiDocument } from './service-api-document.js';

describe('serviceApiDocument', () => {
  it('builds the handlers it describes with a working logger, so a handler factory may use it as it is built', () => {
    const loggers: unknown[] = [];

    serviceApiDocument({
      service: {
        service: 'things',
        functions: { getApiDocument: { events: [{ httpApi: { method: 'GET', path: '/openapi.json' } }] } },
      },
      title: 'things API',
      version: '1',
      description: 'Things',
      localUrl: 'http://127.0.0.1:3000',
      operations: (deps) => {
        loggers.push(deps<HttpDeps>().logger);
        return {};
      },
    });

    expect(loggers).toEqual([expect.any(Logger)]);
  });
});
