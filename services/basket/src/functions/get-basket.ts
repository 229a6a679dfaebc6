import { basketDependencies } from '../composition-root.js';
import { createGetBasketHandler } from '../handlers/get-basket.js';

export const handler = createGetBasketHandler(basketDependencies);
