import { describe, expect, it } from 'vitest';
import { failedMessageIds } from './batch-response.js';

const batch = new Set(['m-1', 'm-2']);

describe('failedMessageIds', () => {
  it.each([
    ['no response', undefined],
    ['null', null],
    ['an empty object', {}],
    ['null batchItemFailures', { batchItemFailures: null }],
    ['empty batchItemFailures', { batchItemFailures: [] }],
  ])('reads %s as complete success', (_, response) => {
    expect(failedMessageIds(response, batch)).toEqual(new Set());
  });

  it('returns the reported ids', () => {
    expect(failedMessageIds({ batchItemFailures: [{ itemIdentifier: 'm-2' }] }, batch)).toEqual(
      new Set(['m-2']),
    );
  });

  it.each([
    ['a string', 'ok'],
    ['an array', [{ itemIdentifier: 'm-1' }]],
    ['a non-list batchItemFailures', { batchItemFailures: { itemIdentifier: 'm-1' } }],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'm-3' }] }],
    ['an empty id', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null id', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a misspelled key', { batchItemFailures: [{ itemIdentifer: 'm-1' }] }],
    ['a null entry', { batchItemFailures: [null] }],
  ])('reads %s as an invalid response (the whole batch failed)', (_, response) => {
    expect(failedMessageIds(response, batch)).toBeUndefined();
  });
});
