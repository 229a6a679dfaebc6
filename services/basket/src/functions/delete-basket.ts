import { basketDependencies } from '../composition-root.js';
import { createDeleteBasketHandler } from '../handlers/delete-basket.js';

export const handler = createDeleteBasketHandler(basketDependencies);
