/**
 * Dependencies for building a handler only to read what it declares (`handler.contract`): the given
 * ones, and for every other port a function that throws, since describing an API never calls one.
 *
 * @example
 * const { contract } = getProductHandler(describingDeps({ logger }));
 */
export const describingDeps = <T extends object>(given: object): T =>
  new Proxy(given, {
    get: (target, key) =>
      key in target
        ? Reflect.get(target, key)
        : () => {
            throw new Error(`${String(key)} is not available while describing the API`);
          },
  }) as T;
