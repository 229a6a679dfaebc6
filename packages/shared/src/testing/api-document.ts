import { readFile } from 'node:fs/promises';
import { localCloud, requestJson, validateApiDocument } from '@eshop/local-cloud/testing';
import { describe, expect, it } from 'vitest';
import { jsonFileText } from '../openapi/write-json.js';

/**
 * The tests every service's OpenAPI document gets: the committed copy is what the service's routes
 * and handlers generate now, it is valid OpenAPI 3.1, and the running service serves it, to any
 * origin, at `GET /openapi.json`.
 *
 * @example
 * describeApiDocument('basket', basketApiDocument, new URL('../openapi.json', import.meta.url));
 */
export const describeApiDocument = (service: string, generate: () => unknown, committed: URL) => {
  const committedText = () => readFile(committed, 'utf8');

  describe(`the ${service} API’s OpenAPI document`, () => {
    it('is committed as generated from the routes and handlers (run `pnpm openapi` after changing them)', async () => {
      expect(await committedText()).toBe(jsonFileText(generate()));
    });

    it('is a valid OpenAPI 3.1 document', async () => {
      const { valid, errors } = await validateApiDocument(generate());

      expect(errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('is served, public, at GET /openapi.json', async () => {
      const response = await requestJson(`${localCloud().apiUrl(service)}/openapi.json`, {
        headers: { origin: 'http://127.0.0.1:4040' },
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toMatch(
        /^(\*|http:\/\/127\.0\.0\.1:4040)$/,
      );
      expect(response.json).toEqual(JSON.parse(await committedText()));
    });
  });
};
