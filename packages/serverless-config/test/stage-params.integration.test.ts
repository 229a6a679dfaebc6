import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/compose.js';

const run = promisify(execFile);

/** Runs a service's osls CLI offline (fake credentials, no AWS endpoint reachable). */
const serverless = async (service: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
  const cwd = join(repoRoot, 'services', service);
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(cwd, 'node_modules/serverless/bin/serverless.js'), ...args],
      {
        cwd,
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          CORS_ALLOWED_ORIGINS: '',
          ALARM_EMAIL: '',
          ...env,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { code: 0, output: `${stdout}\n${stderr}`, stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { code: 1, output: `${stdout}\n${stderr}`, stdout };
  }
};

describe('params of a deployed stage', { timeout: 120_000 }, () => {
  it('fails basket’s package, before building anything, naming each missing required param', async () => {
    const packageDir = await mkdtemp(join(tmpdir(), 'basket-missing-params-'));
    try {
      const { code, output } = await serverless('basket', [
        'package',
        '--stage',
        'prod',
        '--package',
        packageDir,
        '--param=jwtIssuer=https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
      ]);
      expect(code).toBe(1);
      for (const param of ['productApiUrl', 'corsAllowedOrigins', 'jwtAudience']) {
        expect(output).toContain(`Missing param "${param}" for stage "prod"`);
      }
      expect(output).not.toContain('Missing param "jwtIssuer"');
      expect(output).not.toMatch(/Compiling/);
    } finally {
      await rm(packageDir, { recursive: true, force: true });
    }
  });

  it('takes CORS origins from CORS_ALLOWED_ORIGINS, and makes no loopback address part of a deployed stage', async () => {
    const { code, stdout, output } = await serverless(
      'basket',
      [
        'print',
        '--stage',
        'prod',
        '--format',
        'json',
        '--param=jwtIssuer=https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
        '--param=jwtAudience=client',
        '--param=productApiUrl=https://product-api.example.com',
      ],
      { CORS_ALLOWED_ORIGINS: 'https://shop.example.com,https://admin.example.com' },
    );
    expect(code, output).toBe(0);
    const config = JSON.parse(stdout);
    expect(config.provider.httpApi.cors.allowedOrigins).toEqual([
      'https://shop.example.com',
      'https://admin.example.com',
    ]);
    // What is deployed: provider, functions and resources (serverless-offline's own settings and the
    // `local` stage's params are in the file, but nothing deployed reads them).
    const { provider, functions, resources } = config;
    expect(JSON.stringify({ provider, functions, resources })).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  it('deletes the data of a throwaway stage with its stack, unprotected', async () => {
    const { code, stdout, output } = await serverless(
      'product',
      ['print', '--stage', 'dev', '--format', 'json'],
      {
        CORS_ALLOWED_ORIGINS: 'https://shop.example.com',
      },
    );
    expect(code, output).toBe(0);
    const { ProductTable, UserPool } = JSON.parse(stdout).resources.Resources;
    expect(ProductTable).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    expect(ProductTable.Properties.DeletionProtectionEnabled).toBe(false);
    expect(UserPool).toMatchObject({ DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
    expect(UserPool.Properties.DeletionProtection).toBe('INACTIVE');
  });

  it('refuses a throwaway param that is neither true nor false', async () => {
    const { code, output } = await serverless(
      'product',
      ['print', '--stage', 'dev', '--param=throwaway=yes'],
      {
        CORS_ALLOWED_ORIGINS: 'https://shop.example.com',
      },
    );
    expect(code).toBe(1);
    expect(output).toContain('Param "throwaway" must be "true" or "false", got "yes"');
  });
});
