import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { localCloud, requestJson, validateApiDocument } from '@eshop/local-cloud/testing';
import { jsonFileText } from '@eshop/shared/openapi';
import { describe, expect, it } from 'vitest';
import { productApiDocument } from '../src/api/api-description.js';

const committedPath = fileURLToPath(new URL('../openapi.json', import.meta.url));

describe('the product API’s OpenAPI document', () => {
  it('is committed as generated from the routes and handlers (run `pnpm openapi` after changing them)', async () => {
    expect(await readFile(committedPath, 'utf8')).toBe(jsonFileText(productApiDocument()));
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const { valid, errors } = await validateApiDocument(productApiDocument());

    expect(errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is served, public, at GET /openapi.json', async () => {
    const response = await requestJson(`${localCloud().apiUrl('product')}/openapi.json`, {
      headers: { origin: 'http://127.0.0.1:4040' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/127\.0\.0\.1:4040)$/);
    expect(response.json).toEqual(JSON.parse(await readFile(committedPath, 'utf8')));
  });
});
