/**
 * The body of `POST /basket/checkout` for `userName`, as the original reference's clients send it
 * (buyer details, `paymentMethod`, and a card number basket reduces to its last four digits), with
 * `changes` on top.
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
