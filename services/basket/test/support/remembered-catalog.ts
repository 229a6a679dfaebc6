import { basketTable } from '../../src/store/basket-table.js';
import { BASKET_TABLE, localBasketDependencies, rememberingCatalog } from './local-basket.js';

/**
 * For tests whose subject is the basket table: the basket's real adapters with the catalog's
 * answers remembered (see `rememberingCatalog`), on `tableName` (by default the local cloud's).
 */
export const localBasketWithRememberedCatalog = (tableName = BASKET_TABLE) => {
  const local = localBasketDependencies();
  const catalog = rememberingCatalog(local.findCatalogProducts);
  const deps = {
    ...local,
    findCatalogProducts: catalog.findCatalogProducts,
    ...basketTable(local.documentClient, tableName),
  };
  return { catalog, deps };
};
