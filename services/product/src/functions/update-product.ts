import { productDependencies } from '../composition-root.js';
import { createUpdateProductHandler } from '../handlers/update-product.js';

export const handler = createUpdateProductHandler(productDependencies);
