import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Creates the structured JSON logger for one service (Powertools Logger).
 * Level comes from `POWERTOOLS_LOG_LEVEL` (default INFO); the HTTP middleware adds the
 * correlation id and Lambda context to every line.
 *
 * @example
 * export const logger = createLogger('product');
 */
export const createLogger = (serviceName: string): Logger => new Logger({ serviceName });

export type { Logger };
