import { basketDependencies } from '../composition-root.js';
import { createListBasketsHandler } from '../handlers/list-baskets.js';

export const handler = createListBasketsHandler(basketDependencies);
