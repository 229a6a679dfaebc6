import { productDependencies } from '../composition-root.js';
import { createListProductsHandler } from '../handlers/list-products.js';

export const handler = createListProductsHandler(productDependencies);
