/**
 * `POST /basket/checkout`'s body as the original reference's clients (aws-samples
 * "aws-microservices") send it: a `totalPrice` the basket must ignore, the card in clear, a
 * numeric payment method.
 */
export const originalClientCheckoutBody = (userName: string) => ({
  userName,
  totalPrice: 0,
  firstName: 'swn',
  lastName: 'swn',
  email: 'swn@example.com',
  address: 'istanbul',
  cardInfo: '5554443322',
  paymentMethod: 1,
});
