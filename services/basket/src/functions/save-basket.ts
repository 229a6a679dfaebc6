import { basketDependencies } from '../composition-root.js';
import { createSaveBasketHandler } from '../handlers/save-basket.js';

export const handler = createSaveBasketHandler(basketDependencies);
