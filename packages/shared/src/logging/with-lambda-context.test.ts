import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { lambdaContext } from '../testing/index.js';
import { captureLogLines } from '../testing/log-lines.js';
import { withLambdaContext } from './with-lambda-context.js';

describe('withLambdaContext', () => {
  afterEach(() => vi.restoreAllMocks());

  it('puts the Lambda context on every line logged during the invocation', async () => {
    const logged = captureLogLines();
    const logger = createLogger('context-test', { logLevel: 'INFO' });
    const handler = withLambdaContext(logger, async (event: { n: number }) => {
      logger.info('handled');
      return event.n + 1;
    });

    expect(await handler({ n: 1 }, lambdaContext('processCheckout'))).toBe(2);

    expect(logged.lines()).toEqual([
      expect.objectContaining({
        message: 'handled',
        function_name: 'processCheckout',
        function_request_id: 'test-aws-request-id',
        cold_start: expect.any(Boolean),
      }),
    ]);
  });

  it('removes the keys an invocation appended before the next one, also after a failure', async () => {
    const logged = captureLogLines();
    const logger = createLogger('context-test', { logLevel: 'INFO' });
    const handler = withLambdaContext(logger, async (event: { fail: boolean }) => {
      logger.info('before');
      logger.appendKeys({ checkoutId: 'c-1' });
      logger.info('after');
      if (event.fail) throw new Error('store unavailable');
    });

    await expect(handler({ fail: true }, lambdaContext())).rejects.toThrow('store unavailable');
    await handler({ fail: false }, lambdaContext());

    expect(logged.lines().map(({ message, checkoutId }) => [message, checkoutId])).toEqual([
      ['before', undefined],
      ['after', 'c-1'],
      ['before', undefined],
      ['after', 'c-1'],
    ]);
  });
});
