import { cycle, productIds } from './catalog.js';

/** A basket of two catalog products, varied per user so requests are not all identical. */
export const basketOf = (userName: string, index: number) => ({
  userName,
  items: [
    { productId: cycle(productIds, index), quantity: 1 + (index % 3) },
    { productId: cycle(productIds, index + 5), quantity: 1, color: 'Black' },
  ],
});

export const checkoutOf = (userName: string) => ({
  userName,
  firstName: 'Bench',
  lastName: 'Mark',
  email: 'bench@example.com',
  address: '1 Load Street, Localhost',
  paymentMethod: 1,
  cardInfo: '4242 4242 4242 4242',
});
