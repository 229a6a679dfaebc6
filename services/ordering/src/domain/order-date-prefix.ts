import * as z from '@eshop/shared/zod';

// Apart from order.ts so that only listUserOrders builds it at init, not the consumer (issue 14).

/**
 * `?orderDate=`: a prefix of an ISO 8601 UTC timestamp, from a year (`2026`) or a day
 * (`2026-11-27`) down to a full timestamp (`2026-11-27T10:00:00.000Z`).
 */
export const orderDatePrefixSchema = z
  .string()
  .check(
    z.regex(
      /^\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d{1,3})?)?)?Z?)?)?)?$/,
      'Must be an ISO 8601 date or timestamp prefix, e.g. 2026-11-27',
    ),
  );
