import { basketDependencies } from '../composition-root.js';
import { createCheckoutBasketHandler } from '../handlers/checkout-basket.js';

export const handler = createCheckoutBasketHandler(basketDependencies);
