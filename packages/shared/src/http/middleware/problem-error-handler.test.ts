import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictError, ServiceUnavailableError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { httpEvent, lambdaContext } from '../../testing/index.js';
import { httpHandler } from '../http-handler.js';

afterEach(() => vi.restoreAllMocks());

/** Every JSON line the logger writes while `act` runs. */
const logLinesOf = async (act: () => Promise<unknown>) => {
  const lines: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  }
  await act();
  vi.restoreAllMocks();
  return lines.map((line) => JSON.parse(line));
};

const failingWith = (error: unknown) =>
  httpHandler(
    { logger: createLogger('problem-test', { logLevel: 'INFO' }), access: 'public', request: {} },
    () => Promise.reject(error),
  );

describe('problemErrorHandler', () => {
  it('answers problem+json, keeping the headers of its row', async () => {
    let response: Awaited<ReturnType<ReturnType<typeof failingWith>>> | undefined;
    await logLinesOf(async () => {
      response = await failingWith(new ServiceUnavailableError('Table throttled', 4))(
        httpEvent(),
        lambdaContext(),
      );
    });

    expect(response?.statusCode).toBe(503);
    expect(response?.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': '4',
    });
  });

  it('logs a client mistake at warn, with its status and detail', async () => {
    const lines = await logLinesOf(() =>
      failingWith(new ConflictError('Basket is empty'))(httpEvent(), lambdaContext()),
    );

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Request rejected',
        problem: 'https://problems.eshop.example/conflict',
        status: 409,
        detail: 'Basket is empty',
      }),
    ]);
  });

  it.each([
    ['an unexpected error', new Error('disk full'), 'internal-error'],
    ['an unavailable dependency', new ServiceUnavailableError('Table throttled'), 'service-unavailable'],
  ])('logs %s at error, with the error itself', async (_, error, problem) => {
    const lines = await logLinesOf(() => failingWith(error)(httpEvent(), lambdaContext()));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Request failed',
        problem: `https://problems.eshop.example/${problem}`,
        error: expect.objectContaining({ message: (error as Error).message }),
      }),
    ]);
  });
});
