/**
 * Reads a required environment variable, failing fast at init with a message that names it.
 *
 * @example
 * const tableName = requireEnv('PRODUCT_TABLE_NAME');
 */
export const requireEnv = (name: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
};

/**
 * Reads an optional environment variable, returning `fallback` when it is unset or empty.
 *
 * @example
 * const origins = optionalEnv('CORS_ALLOWED_ORIGINS', '*');
 */
export const optionalEnv = (name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string => {
  const value = env[name];
  return value === undefined || value.trim() === '' ? fallback : value;
};
