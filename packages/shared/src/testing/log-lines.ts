import { vi } from 'vitest';

/**
 * Collects what the logger writes instead of printing it: Powertools writes INFO lines to stdout
 * and ERROR lines to stderr. Undone by `vi.restoreAllMocks()`.
 *
 * @example
 * const logged = captureLogLines();
 * logger.info('Order placed');
 * expect(logged.lines()).toEqual([expect.objectContaining({ message: 'Order placed' })]);
 */
export const captureLogLines = () => {
  const chunks: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      chunks.push(String(chunk));
      return true;
    });
  }
  return {
    /** Everything written, as written. */
    text: () => chunks.join(''),
    /** Each JSON line written, parsed. */
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
};
