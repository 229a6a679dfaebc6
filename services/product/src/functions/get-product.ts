import { productDependencies } from '../composition-root.js';
import { createGetProductHandler } from '../handlers/get-product.js';

export const handler = createGetProductHandler(productDependencies);
