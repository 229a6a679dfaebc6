import { productDependencies } from '../composition-root.js';
import { createCreateProductHandler } from '../handlers/create-product.js';

export const handler = createCreateProductHandler(productDependencies);
