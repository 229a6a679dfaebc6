/** The logging the queue pollers need; console satisfies it. */
export interface QueueLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Warnings and errors to the console; the per-batch info lines only when asked for. */
export const consoleQueueLogger = (prefix = '[sqs-esm]', verbose = false): QueueLogger => ({
  info: (message) => {
    if (verbose) console.info(`${prefix} ${message}`);
  },
  warn: (message) => console.warn(`${prefix} ${message}`),
  error: (message) => console.error(`${prefix} ${message}`),
});
