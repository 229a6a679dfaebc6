/** The logging the emulators and pollers need; `pnpm dev` prefixes and colours each component. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Lines to the console with a component prefix; routine `info` lines only when `verbose`.
 *
 * @example
 * const logger = consoleLogger('[eventbridge]');
 */
export const consoleLogger = (prefix: string, { verbose = true } = {}): Logger => ({
  info: (message) => {
    if (verbose) console.info(`${prefix} ${message}`);
  },
  warn: (message) => console.warn(`${prefix} ${message}`),
  error: (message) => console.error(`${prefix} ${message}`),
});

/** The same logger for every level: how `pnpm dev` routes a component's lines into its own log. */
export const lineLogger = (write: (message: string) => void): Logger => ({
  info: write,
  warn: write,
  error: write,
});
