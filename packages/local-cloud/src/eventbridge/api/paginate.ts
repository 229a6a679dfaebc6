import { validationError } from '../api-error.js';

/** Opaque NextToken: the offset into the (stable, insertion-ordered) listing. */
export function paginate<T>(items: readonly T[], limit: number | undefined, nextToken: string | undefined) {
  let start = 0;
  if (nextToken) {
    start = Number(Buffer.from(nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw validationError('The NextToken provided is invalid.');
  }
  const end = limit === undefined ? items.length : Math.min(items.length, start + limit);
  const page = items.slice(start, end);
  const next = end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined;
  return { page, nextToken: next };
}
