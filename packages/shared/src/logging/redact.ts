import { sourceMappedStack } from './source-mapped-stack.js';

/** Keys whose values never reach a log line, whatever they hold. */
const SECRET_KEY =
  /^(authorization|cookie|set-cookie|password|secret|cvv|cvc)$|token|cardinfo|cardnumber|email/i;

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// 13-19 digits, optionally grouped by spaces or dashes: the shapes card numbers are written in.
const CARD_NUMBER = /\b\d(?:[ -]?\d){12,18}\b/g;

export const REDACTED = '[redacted]';

/** The Luhn checksum every payment card number satisfies (keeps timestamps and ids readable). */
const passesLuhn = (candidate: string): boolean => {
  const digits = candidate.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    const doubled = digit * 2;
    sum += i % 2 === 1 ? (doubled > 9 ? doubled - 9 : doubled) : digit;
  }
  return sum % 10 === 0;
};

/** Masks e-mail addresses, bearer tokens and card numbers inside free text. */
export const redactText = (text: string): string =>
  text
    .replace(JWT, '[redacted-token]')
    .replace(EMAIL, '[redacted-email]')
    .replace(CARD_NUMBER, (match) => (passesLuhn(match) ? '[redacted-card]' : match));

/** Objects deeper than this are replaced by TOO_DEEP: nothing reaches a log line unread. */
export const MAX_DEPTH = 10;
export const TOO_DEEP = '[truncated: nested too deeply]';
export const CIRCULAR = '[circular]';

/** Turns an Error into the plain fields a log line shows; `cause` and `errors` stay raw for redact to follow. */
export type DescribeError = (error: Error) => Record<string, unknown>;

/**
 * The fields of an Error worth logging. JSON drops them all (`name`, `message`, `stack`, `cause`
 * and AggregateError's `errors` are not enumerable), so they are read by name; fields the error
 * carries of its own (an SDK error's `$metadata`, ...) come along.
 */
export const errorFields: DescribeError = (error) => ({
  name: error.name,
  message: error.message,
  stack: sourceMappedStack(error.stack),
  ...(error.cause === undefined ? {} : { cause: error.cause }),
  ...(error instanceof AggregateError ? { errors: error.errors } : {}),
  ...Object.fromEntries(Object.entries(error)),
});

const hasToJson = (value: object): value is { toJSON: () => unknown } =>
  typeof (value as { toJSON?: unknown }).toJSON === 'function';

/**
 * Returns a copy of a log attribute value with secrets removed: values under secret-sounding keys
 * are replaced, and e-mails, tokens and card numbers inside any string are masked. Errors become
 * their fields (redacted the same way, causes included); what JSON would write through `toJSON`
 * (dates, URLs) is redacted as written; cycles and anything nested deeper than MAX_DEPTH become a
 * marker, so no depth lets a secret through.
 *
 * @example
 * redact({ email: 'a@b.example', note: 'card 4242 4242 4242 4242' })
 * // → { email: '[redacted]', note: 'card [redacted-card]' }
 */
export const redact = (
  value: unknown,
  { describeError = errorFields }: { describeError?: DescribeError } = {},
): unknown => {
  // The objects on the path from the root to the current value: meeting one again is a cycle.
  const path = new Set<object>();
  const walk = (item: unknown, depth: number): unknown => {
    if (typeof item === 'string') return redactText(item);
    if (item === null || typeof item !== 'object') return item;
    if (path.has(item)) return CIRCULAR;
    if (depth > MAX_DEPTH) return TOO_DEEP;
    if (!(item instanceof Error) && hasToJson(item)) {
      const json = item.toJSON();
      if (json !== item) return walk(json, depth);
    }
    path.add(item);
    try {
      if (Array.isArray(item)) return item.map((entry) => walk(entry, depth + 1));
      const fields = item instanceof Error ? describeError(item) : item;
      return Object.fromEntries(
        Object.entries(fields).map(([key, entry]) => [
          key,
          SECRET_KEY.test(key) ? REDACTED : walk(entry, depth + 1),
        ]),
      );
    } finally {
      path.delete(item);
    }
  };
  return walk(value, 0);
};
