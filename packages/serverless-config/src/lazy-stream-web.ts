/**
 * Stands in for `node:stream/web` in every function bundle (the `alias` in `esbuild`). Middy's core
 * imports `ReadableStream` from it when it loads, for its response-streaming mode alone (it checks
 * a streamed body with `instanceof`), which no function here uses; loading node:stream/web cost
 * every HTTP function 2-3 ms of init (issue 14). Node defines the same class as a global that
 * loads the module on first use, so this is that global, looked up on first use: `instanceof`,
 * `new` and the static methods behave as the real class's.
 */
const realClass = (): typeof globalThis.ReadableStream => globalThis.ReadableStream;

export const ReadableStream = new Proxy(
  function ReadableStream() {} as unknown as typeof globalThis.ReadableStream,
  {
    get: (_, key) => Reflect.get(realClass(), key),
    has: (_, key) => Reflect.has(realClass(), key),
    construct: (_, args) => Reflect.construct(realClass(), args),
    getPrototypeOf: () => Reflect.getPrototypeOf(realClass()),
  },
);
