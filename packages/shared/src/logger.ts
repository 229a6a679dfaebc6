import { Logger } from '@aws-lambda-powertools/logger';
import { RedactingLogFormatter } from './logging/redacting-log-formatter.js';

/**
 * Creates the structured JSON logger for one service (Powertools Logger) with secrets redacted
 * from every line. Level comes from `POWERTOOLS_LOG_LEVEL` (default INFO); the HTTP middleware
 * adds the correlation id and Lambda context to every line.
 *
 * @example
 * export const logger = createLogger('product');
 */
export const createLogger = (serviceName: string, options: { logLevel?: 'DEBUG' | 'INFO' } = {}): Logger =>
  new Logger({ serviceName, logFormatter: new RedactingLogFormatter(), ...options });

export type { Logger };
