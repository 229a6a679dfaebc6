import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpEnvironment, signedInHttpEnvironment } from './http-environment.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('httpEnvironment', () => {
  it('allows any origin when CORS_ALLOWED_ORIGINS is unset or blank', () => {
    vi.stubEnv('CORS_ALLOWED_ORIGINS', undefined);
    expect(httpEnvironment('product').corsOrigins).toEqual(['*']);

    vi.stubEnv('CORS_ALLOWED_ORIGINS', '  ');
    expect(httpEnvironment('product').corsOrigins).toEqual(['*']);
  });

  it('allows exactly the listed origins, trimmed', () => {
    vi.stubEnv('CORS_ALLOWED_ORIGINS', 'https://shop.example, https://admin.shop.example');

    expect(httpEnvironment('product').corsOrigins).toEqual([
      'https://shop.example',
      'https://admin.shop.example',
    ]);
  });

  it('verifies no token: its routes are public', () => {
    expect(httpEnvironment('product').verifyToken).toBeUndefined();
  });
});

describe('signedInHttpEnvironment', () => {
  it('adds a verifier of the configured issuer', async () => {
    vi.stubEnv('JWT_ISSUER', 'http://127.0.0.1:9/issuer');
    vi.stubEnv('JWT_AUDIENCE', 'eshop-client');

    const deps = signedInHttpEnvironment('basket');

    await expect(deps.verifyToken?.('not-a-jwt')).rejects.toMatchObject({ name: 'UnauthorizedError' });
  });

  it.each(['JWT_ISSUER', 'JWT_AUDIENCE'])('fails at init without %s', (name) => {
    vi.stubEnv('JWT_ISSUER', 'http://127.0.0.1:9/issuer');
    vi.stubEnv('JWT_AUDIENCE', 'eshop-client');
    vi.stubEnv(name, undefined);

    expect(() => signedInHttpEnvironment('basket')).toThrow(name);
  });
});
