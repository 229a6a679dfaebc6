import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/**
 * A handler whose every log line carries the Lambda context (`function_name`,
 * `function_request_id`, `cold_start`, …), and whose keys appended during an invocation are gone
 * before the next one: what Powertools' `injectLambdaContext` Middy middleware does with
 * `resetKeys`, for a handler that needs no other middleware (the SQS consumer). Loading Middy for
 * this alone cost the consumer ~5 ms of its init (issue 14).
 *
 * @example
 * export const handler = withLambdaContext(logger, async (event: SQSEvent) => processBatch(event));
 */
export const withLambdaContext =
  <TEvent, TResult>(logger: Logger, handler: (event: TEvent, context: Context) => Promise<TResult>) =>
  async (event: TEvent, context: Context): Promise<TResult> => {
    logger.refreshSampleRateCalculation();
    Logger.injectLambdaContextBefore(logger, event, context);
    try {
      return await handler(event, context);
    } finally {
      logger.clearBuffer();
      logger.resetKeys();
    }
  };
