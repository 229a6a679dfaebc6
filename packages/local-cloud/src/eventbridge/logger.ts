/** The logging the emulator needs; console satisfies it. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.info(`[eventbridge] ${message}`),
  warn: (message) => console.warn(`[eventbridge] ${message}`),
  error: (message) => console.error(`[eventbridge] ${message}`),
};
