import { orderingDependencies } from '../composition-root.js';
import { createListUserOrdersHandler } from '../handlers/list-user-orders.js';

export const handler = createListUserOrdersHandler(orderingDependencies);
