import { productDependencies } from '../composition-root.js';
import { createDeleteProductHandler } from '../handlers/delete-product.js';

export const handler = createDeleteProductHandler(productDependencies);
