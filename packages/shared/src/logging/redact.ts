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

/**
 * Returns a copy of a log attribute value with secrets removed: values under secret-sounding keys
 * are replaced, and e-mails, tokens and card numbers inside any string are masked.
 *
 * @example
 * redact({ email: 'a@b.example', note: 'card 4242 4242 4242 4242' })
 * // → { email: '[redacted]', note: 'card [redacted-card]' }
 */
export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1),
    ]),
  );
};
