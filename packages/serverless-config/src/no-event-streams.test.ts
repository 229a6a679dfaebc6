import { describe, expect, it } from 'vitest';
import { EventStreamSerde, eventStreamSerdeProvider } from './no-event-streams.js';

describe('the bundles without event-stream support', () => {
  it.each([
    ['EventStreamSerde', EventStreamSerde],
    ['eventStreamSerdeProvider', eventStreamSerdeProvider],
  ])('fails %s with what was left out and how to bring it back', (_, leftOut) => {
    expect(() => leftOut()).toThrow(
      /event-stream support \(@smithy\/core\/event-streams\).*remove its alias/s,
    );
  });
});
