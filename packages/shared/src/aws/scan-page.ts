import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import { decodeCursor, encodeCursor, type Page } from '../http/pagination.js';

/** How many Scan calls one page may take to fill up past the records it filters out. */
const MAX_SCANS_PER_PAGE = 5;

export interface ScanPageQuery<T> {
  tableName: string;
  limit: number;
  cursor: string | undefined;
  /** What a cursor may decode to: the keys of any record a Scan page can end on. */
  startKeySchema: z.ZodType<Record<string, unknown>>;
  /** Keeps the listed records and drops the others that share the table. */
  filter: { FilterExpression: string; ExpressionAttributeValues?: Record<string, unknown> };
  toItem: (record: Record<string, unknown>) => T;
  /** The table key of a listed item: where the next page starts when this one is cut short. */
  keyOf: (item: T) => Record<string, unknown>;
}

/**
 * One page of a table's listed records (baskets, orders) where other records share the table
 * (checkout records, order guards). DynamoDB applies `Limit` before the filter, so a Scan page can
 * come back short, or empty with more to read: scan on, a bounded number of times, until the page
 * is full. The cursor stays opaque and may end on any record, listed or not.
 *
 * @example
 * scanPage(documentClient, { tableName, limit, cursor, startKeySchema, filter, toItem, keyOf });
 */
export const scanPage = async <T>(
  documentClient: DynamoDBDocumentClient,
  { tableName, limit, cursor, startKeySchema, filter, toItem, keyOf }: ScanPageQuery<T>,
): Promise<Page<T>> => {
  const items: T[] = [];
  let startKey = decodeCursor(cursor, startKeySchema);
  let scans = 0;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: startKey, ...filter }),
    );
    items.push(...(page.Items ?? []).map(toItem));
    startKey = page.LastEvaluatedKey;
    scans += 1;
  } while (items.length < limit && startKey !== undefined && scans < MAX_SCANS_PER_PAGE);
  if (items.length > limit) {
    // The next page starts after the last item of this one.
    const kept = items.slice(0, limit);
    return { items: kept, nextCursor: encodeCursor(keyOf(kept[limit - 1] as T)) };
  }
  return { items, nextCursor: encodeCursor(startKey) };
};
