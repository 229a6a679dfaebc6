/**
 * Reads a function's response to an SQS batch the way Lambda does with `ReportBatchItemFailures`:
 * the set of message ids to keep, or `undefined` when the response is invalid, which makes the
 * whole batch a failure.
 *
 * Complete success: no response, `{}`, `batchItemFailures` null or empty. Invalid: anything but an
 * object, `batchItemFailures` that is not a list, an entry without a non-empty string
 * `itemIdentifier`, or an id that is not in the batch.
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html)
 */
export const failedMessageIds = (
  response: unknown,
  batchIds: ReadonlySet<string>,
): Set<string> | undefined => {
  if (response === undefined || response === null) return new Set();
  if (typeof response !== 'object' || Array.isArray(response)) return undefined;
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return undefined;
  const ids = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !batchIds.has(id)) return undefined;
    ids.add(id);
  }
  return ids;
};
