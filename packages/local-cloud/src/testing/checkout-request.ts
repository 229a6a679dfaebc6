/**
 * A valid body of `POST /basket/checkout` for `userName` (buyer details, `paymentMethod`, and a
 * card number basket reduces to its last four digits), with `changes` on top. The original
 * reference's exact payload is `originalClientCheckoutBody` in `@eshop/shared/testing`.
 *
 * @example
 * await requestJson(`${basketUrl}/basket/checkout`, { method: 'POST', headers, body: checkoutRequest(userName) });
 */
export const checkoutRequest = (userName: string, changes: Record<string, unknown> = {}) => ({
  userName,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address: '12 Analytical Row, London',
  paymentMethod: 1,
  cardInfo: '4242 4242 4242 4242',
  ...changes,
});
