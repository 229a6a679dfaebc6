import { orderingDependencies } from '../composition-root.js';
import { createProcessCheckoutHandler } from '../handlers/process-checkout.js';

export const handler = createProcessCheckoutHandler(orderingDependencies);
