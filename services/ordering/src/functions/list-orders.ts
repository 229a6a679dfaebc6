import { orderingDependencies } from '../composition-root.js';
import { createListOrdersHandler } from '../handlers/list-orders.js';

export const handler = createListOrdersHandler(orderingDependencies);
