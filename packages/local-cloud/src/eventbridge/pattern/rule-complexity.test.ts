import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, validateEventPattern } from './index.js';
import { RULE_TOO_COMPLEX } from './rule-complexity.js';

const TOO_COMPLEX_MESSAGE = `Event pattern is not valid. Reason: ${RULE_TOO_COMPLEX}`;

function outcome(pattern: object): 'accepted' | string {
  try {
    validateEventPattern(pattern);
    return 'accepted';
  } catch (error) {
    if (error instanceof InvalidEventPatternError) return error.message;
    throw error;
  }
}

const wildcards = (...values: string[]) => values.map((wildcard) => ({ wildcard }));

describe('EventBridge rule complexity limit', () => {
  it('uses the message EventBridge answers with', () => {
    expect(TOO_COMPLEX_MESSAGE).toBe(
      'Event pattern is not valid. Reason: Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  });

  // Outcomes AWS gave for these patterns (see the report of issue 13 for the sources).
  it.each([
    [
      'LocalStack recorded: refused (complexity 11)',
      { EventBusArn: wildcards('*:*:*:*:*:event-bus/*') },
      false,
    ],
    [
      'LocalStack recorded: accepted',
      { EventBusArn: wildcards('arn:aws:events:us-east-1:*:event-bus/*') },
      true,
    ],
    [
      'LocalStack recorded: accepted (7)',
      { FileName: wildcards('/Users/*/dir/dir/dir/dir/dir/doc.txt') },
      true,
    ],
    ['deployed with four suffixes (8)', { key: wildcards('*.bif', '*.tiff', '*.tif', '*.svs') }, true],
    [
      'refused with four folders (16)',
      { key: wildcards('*/datasync/*.bif', '*/datasync/*.tif', '*/datasync/*.tiff', '*/datasync/*.svs') },
      false,
    ],
    [
      'deployed after splitting it in two (6)',
      { key: wildcards('*/datasync/*.bif', '*/datasync/*.tif') },
      true,
    ],
    [
      'deployed with three stacks (9)',
      { id: wildcards('*:stack/Shared/*', '*:stack/Api/*', '*:stack/Data/*') },
      true,
    ],
    [
      'refused with a fourth stack (12)',
      { id: wildcards('*:stack/Shared/*', '*:stack/Api/*', '*:stack/Data/*', '*:stack/Monitoring/*') },
      false,
    ],
  ])('%s', (_label, pattern, accepted) => {
    expect(outcome(pattern)).toBe(accepted ? 'accepted' : TOO_COMPLEX_MESSAGE);
  });

  it('accepts 10 and refuses 11', () => {
    expect(outcome({ a: wildcards('*:*:*:*:*:') })).toBe('accepted'); // 10: five stars, five colons
    expect(outcome({ a: wildcards('*:*:*:*:*:*') })).toBe(TOO_COMPLEX_MESSAGE); // 11
    expect(outcome({ a: wildcards('*:x/*.a', '*:x/*.b', '*:x/*.c') })).toBe('accepted'); // 9
    expect(outcome({ a: wildcards('*:x/*.a', '*:x/*.b', '*:x/*.c', '*:y') })).toBe(TOO_COMPLEX_MESSAGE); // 11
  });

  it('counts an anything-but wildcard list as one pattern', () => {
    const stacks = ['*:stack/A/*', '*:stack/B/*', '*:stack/C/*', '*:stack/D/*'];
    expect(outcome({ a: [{ 'anything-but': { wildcard: stacks } }] })).toBe('accepted'); // 9
    expect(outcome({ a: wildcards(...stacks) })).toBe(TOO_COMPLEX_MESSAGE); // 12
    expect(outcome({ a: [{ 'anything-but': { wildcard: '*:*:*:*:*:*' } }] })).toBe(TOO_COMPLEX_MESSAGE);
  });

  it('judges each field on its own', () => {
    const three = wildcards('*:stack/A/*', '*:stack/B/*', '*:stack/C/*');
    expect(outcome({ a: three, b: three, detail: { c: three } })).toBe('accepted');
  });

  it('adds up $or branches that reach a field through the same earlier fields', () => {
    const [first, second, third, fourth] = wildcards(
      '*:stack/A/*',
      '*:stack/B/*',
      '*:stack/C/*',
      '*:stack/D/*',
    );
    // Both branches reach "id" from the start of the machine: one machine with four patterns.
    expect(outcome({ $or: [{ id: [first, second] }, { id: [third, fourth] }] })).toBe(TOO_COMPLEX_MESSAGE);
    // "account" sorts before "id": different accounts lead to different machines for "id".
    expect(
      outcome({
        $or: [
          { account: ['1'], id: [first, second] },
          { account: ['2'], id: [third, fourth] },
        ],
      }),
    ).toBe('accepted');
    expect(
      outcome({
        $or: [
          { account: ['1'], id: [first, second] },
          { account: ['1'], id: [third, fourth] },
        ],
      }),
    ).toBe(TOO_COMPLEX_MESSAGE);
  });

  it('counts every wildcard of a field at its opening quote, stars or not', () => {
    const letters = (count: number) => wildcards(...'abcdefghijk'.slice(0, count));
    // Each value starts with a quote: the state after it leads to every pattern of the field.
    expect(outcome({ id: letters(10) })).toBe('accepted');
    expect(outcome({ id: letters(11) })).toBe(TOO_COMPLEX_MESSAGE);
  });

  describe('tells the values before a wildcard field apart as event-ruler does', () => {
    const [first, second, third, fourth] = wildcards(
      '*:stack/A/*',
      '*:stack/B/*',
      '*:stack/C/*',
      '*:stack/D/*',
    );
    const behind = (before: unknown, after: unknown) => ({
      $or: [
        { account: before, id: [first, second] },
        { account: after, id: [third, fourth] },
      ],
    });

    it('an anything-but list is one pattern whatever the order of its values', () => {
      expect(outcome(behind([{ 'anything-but': ['1', '2'] }], [{ 'anything-but': ['2', '1'] }]))).toBe(
        TOO_COMPLEX_MESSAGE,
      );
      expect(outcome(behind([{ 'anything-but': ['1'] }], [{ 'anything-but': ['2'] }]))).toBe('accepted');
    });

    it('a number is a pattern of its own, and leads on to the fields after it', () => {
      expect(outcome(behind([1], [2]))).toBe('accepted');
      expect(outcome(behind([1], [1]))).toBe(TOO_COMPLEX_MESSAGE);
      expect(outcome({ account: [1], id: [first, second, third, fourth] })).toBe(TOO_COMPLEX_MESSAGE);
    });

    it('fields are added in sorted order, not in the order the pattern lists them', () => {
      const idFirst = {
        $or: [
          { id: [first, second], account: ['1'] },
          { id: [third, fourth], account: ['2'] },
        ],
      };
      expect(outcome(idFirst)).toBe('accepted');
    });
  });

  it('does not look behind an exists:false field, as event-ruler does not', () => {
    const tooMany = wildcards('*:stack/A/*', '*:stack/B/*', '*:stack/C/*', '*:stack/D/*');
    expect(outcome({ account: [{ exists: false }], id: tooMany })).toBe('accepted');
    expect(outcome({ account: [{ exists: true }], id: tooMany })).toBe(TOO_COMPLEX_MESSAGE);
  });

  it('reports syntax errors first, complexity only for a pattern that parses', () => {
    expect(outcome({ a: wildcards('*:*:*:*:*:event-bus/*'), b: [{ wildcard: 5 }] })).toBe(
      'Event pattern is not valid. Reason: wildcard match pattern must be a string',
    );
  });

  it('models 4096 sub-rules one by one', () => {
    const parallel: Record<string, unknown> = {};
    for (let i = 0; i < 11; i++) parallel[`f${i}`] = { $or: [{ a: ['x'] }, { b: ['y'] }] };
    const [first, second, third, fourth] = wildcards(
      '*:stack/A/*',
      '*:stack/B/*',
      '*:stack/C/*',
      '*:stack/D/*',
    );
    // 2 × 2^11 = 4096 sub-rules, the most modelled one by one: each account leads to its own "arn"
    // machine with two wildcards (accepted), where the upper bound taken past 4096 puts all four in
    // one (refused). "arn" sorts before the "f" fields: only two machines hold wildcards.
    const pattern = {
      $or: [
        { account: ['1'], arn: [first, second], ...parallel },
        { account: ['2'], arn: [third, fourth], ...parallel },
      ],
    };
    expect(outcome(pattern)).toBe('accepted');
  });

  it('still judges wildcards behind more $or combinations than it models one by one', () => {
    const parallel: Record<string, unknown> = {};
    for (let i = 0; i < 13; i++) parallel[`f${i}`] = { $or: [{ a: ['x'] }, { b: ['y'] }] };
    expect(outcome({ ...parallel, id: wildcards('*:stack/A/*', '*:stack/B/*', '*:stack/C/*') })).toBe(
      'accepted',
    );
    expect(outcome({ ...parallel, id: wildcards('*:*:*:*:*:*') })).toBe(TOO_COMPLEX_MESSAGE);
  });
});
