import { readFile, writeFile } from 'node:fs/promises';

/** The text a generated JSON file is committed as: two-space indented, one trailing newline. */
export const jsonFileText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Writes a generated JSON file, or with `check` only compares: the committed copy must be what the
 * generator makes now. Answers whether the file is (now) current.
 *
 * @example
 * await writeJsonFile('openapi.json', document); // true when it was already current
 */
export const writeJsonFile = async (
  path: string,
  value: unknown,
  { check = false } = {},
): Promise<boolean> => {
  const text = jsonFileText(value);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === text) return true;
  if (!check) await writeFile(path, text);
  return false;
};
