/**
 * Stands in for `@smithy/core/event-streams` in every function bundle (the `alias` in `esbuild`).
 * The SDK's protocols load event-stream support with `import()` when an operation streams events
 * (Kinesis SubscribeToShard, Bedrock's streaming responses); DynamoDB and EventBridge have no such
 * operation, so here it never runs. Bundled, though, that one `import()` made esbuild wrap every
 * module it shares with the rest of the SDK (165 of them in checkoutBasket) in a lazily-called
 * function, parsed twice and called at init: 6-7 ms of every function's init (issue 14).
 */

const leftOut = (): never => {
  throw new Error(
    'This bundle leaves out the AWS SDK event-stream support (@smithy/core/event-streams): no client ' +
      'the functions use has an event-stream operation. To use one, remove its alias from the ' +
      'esbuild settings in packages/serverless-config/src/index.ts.',
  );
};

/** What `@smithy/core/protocols` takes from the module, each failing with the reason. */
export const EventStreamSerde = leftOut;
export const eventStreamSerdeProvider = leftOut;
