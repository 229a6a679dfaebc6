import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './index.js';

const envelope = (extra: Record<string, unknown>) => ({
  id: '1',
  source: 'test-source',
  'detail-type': 'test-detail-type',
  account: '123456789012',
  region: 'us-east-1',
  time: '2022-07-13T13:48:01Z',
  resources: [],
  ...extra,
});
const detail = (value: Record<string, unknown>) => envelope({ detail: value });
const matches = (pattern: object, event: object) => matchesEventPattern(pattern, event);

describe('cidr', () => {
  const ranges = {
    '2001:db8:1234:1a00::/56': {
      inside: [
        '2001:db8:1234:1a00::1',
        '2001:db8:1234:1aff:ffff:ffff:ffff:ffff',
        '2001:DB8:1234:1A00:0:0:0:5',
      ],
      outside: ['2001:db8:1234:1b00::', '10.0.0.1', 'not an ip'],
    },
    '192.168.1.0/24': { inside: ['192.168.1.0', '192.168.1.255'], outside: ['192.168.2.0', '2001:db8::1'] },
  };
  const addresses = Object.entries(ranges).flatMap(([cidr, { inside, outside }]) => [
    ...inside.map((ip) => [cidr, ip, true] as const),
    ...outside.map((ip) => [cidr, ip, false] as const),
  ]);

  it.each(addresses)('range %s against %s → %s', (cidr, ip, expected) => {
    expect(matches({ detail: { ip: [{ cidr }] } }, detail({ ip }))).toBe(expected);
  });

  it('compares exact IP values as addresses, not text', () => {
    const pattern = { detail: { ip: ['2001:db8::1'] } };
    expect(matches(pattern, detail({ ip: '2001:0db8:0:0:0:0:0:1' }))).toBe(true);
    expect(matches(pattern, detail({ ip: '2001:db8::2' }))).toBe(false);
  });
});

describe('wildcard', () => {
  it.each([
    ['*.png', 'photo.png', true],
    ['*.png', '.png', true],
    ['*.png', 'photo.jpg', false],
    ['dir/*/file', 'dir/a/b/file', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'acb', false],
    ['*', '', true],
    ['star\\*', 'star*', true],
    ['star\\*', 'stars', false],
    ['back\\\\slash', 'back\\slash', true],
  ])('%s against %s → %s', (wildcard, value, expected) => {
    expect(matches({ detail: { v: [{ wildcard }] } }, detail({ v: value }))).toBe(expected);
  });

  it('only matches strings', () => {
    expect(matches({ detail: { v: [{ wildcard: '*' }] } }, detail({ v: 5 }))).toBe(false);
  });
});

describe('numeric', () => {
  it.each([
    [['>', 0, '<=', 5], 5, true],
    [['>', 0, '<=', 5], 0, false],
    [['>=', 0, '<', 5], 0, true],
    [['>=', 0, '<', 5], 5, false],
    [['=', 3.0e2], 300, true],
    [['<', -1.5], -2, true],
    [['=', 5e9], 5e9, true],
    [['>', 0], 5e9 + 1, false], // outside [-5e9, 5e9] a number takes no part in numeric matching
    [['<', 0], -5e9 - 1, false],
    [['>=', -5e9], -5e9, true],
    [['=', 0.0000001], 0.0000002, true], // beyond six decimals, numbers compare equal
  ])('%j against %s → %s', (numeric, value, expected) => {
    expect(matches({ detail: { n: [{ numeric }] } }, detail({ n: value }))).toBe(expected);
  });

  it('never matches strings, even numeric-looking ones', () => {
    expect(matches({ detail: { n: [{ numeric: ['>', 0] }] } }, detail({ n: '5' }))).toBe(false);
  });

  it('matches an exact number written differently', () => {
    expect(matches({ detail: { n: [300] } }, detail({ n: 300.0 }))).toBe(true);
    expect(matches({ detail: { n: [300] } }, detail({ n: '300' }))).toBe(false);
  });
});

describe('anything-but', () => {
  it('numbers exclude equal numbers only', () => {
    const pattern = { detail: { n: [{ 'anything-but': [100, 200] }] } };
    expect(matches(pattern, detail({ n: 100.0 }))).toBe(false);
    expect(matches(pattern, detail({ n: 150 }))).toBe(true);
    expect(matches(pattern, detail({ n: '100' }))).toBe(true);
  });

  it('matches if any element of an event array is not excluded', () => {
    const pattern = { detail: { s: [{ 'anything-but': 'stopped' }] } };
    expect(matches(pattern, detail({ s: ['stopped', 'running'] }))).toBe(true);
    expect(matches(pattern, detail({ s: ['stopped'] }))).toBe(false);
  });

  it('suffix, ignore-case and wildcard forms', () => {
    expect(matches({ detail: { f: [{ 'anything-but': { suffix: '.png' } }] } }, detail({ f: 'a.jpg' }))).toBe(
      true,
    );
    expect(
      matches(
        { detail: { s: [{ 'anything-but': { 'equals-ignore-case': ['STOPPED'] } }] } },
        detail({ s: 'Stopped' }),
      ),
    ).toBe(false);
    expect(
      matches({ detail: { p: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, detail({ p: 'a/lib/b' })),
    ).toBe(false);
    expect(
      matches({ detail: { p: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, detail({ p: 'a/src/b' })),
    ).toBe(true);
  });

  it('does not match a missing field', () => {
    expect(matches({ detail: { s: [{ 'anything-but': 'x' }] } }, detail({}))).toBe(false);
  });
});

describe('exists', () => {
  it('only sees leaf values: objects and empty arrays do not exist', () => {
    const exists = { detail: { k: [{ exists: true }] } };
    const absent = { detail: { k: [{ exists: false }] } };
    expect(matches(exists, detail({ k: { nested: 1 } }))).toBe(false);
    expect(matches(absent, detail({ k: { nested: 1 } }))).toBe(true);
    expect(matches(exists, detail({ k: [] }))).toBe(false);
    expect(matches(exists, detail({ k: [1] }))).toBe(true);
    expect(matches(exists, detail({ k: null }))).toBe(true);
  });
});

describe('$or', () => {
  it('combines nested $or with sibling fields', () => {
    const pattern = {
      source: ['test-source'],
      $or: [{ detail: { a: [1] } }, { detail: { $or: [{ b: [2] }, { c: [{ prefix: 'x' }] }] } }],
    };
    expect(matches(pattern, detail({ a: 1 }))).toBe(true);
    expect(matches(pattern, detail({ b: 2 }))).toBe(true);
    expect(matches(pattern, detail({ c: 'xyz' }))).toBe(true);
    expect(matches(pattern, detail({ c: 'abc' }))).toBe(false);
    expect(matches({ ...pattern, source: ['other'] }, detail({ a: 1 }))).toBe(false);
  });
});

describe('arrays of objects', () => {
  it('requires fields used together to come from the same array element', () => {
    const pattern = { detail: { items: { sku: ['A'], qty: [2] } } };
    const bothInOneElement = [
      { sku: 'A', qty: 2 },
      { sku: 'B', qty: 1 },
    ];
    const eachInAnother = [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 2 },
    ];

    expect(matches(pattern, detail({ items: bothInOneElement }))).toBe(true);
    expect(matches(pattern, detail({ items: eachInAnother }))).toBe(false);
  });
});

describe('$or alternatives inside arrays', () => {
  /** Item A with this quantity, beside an item B of quantity 1. */
  const skuAWith = (qty: number) => [
    { sku: 'A', qty },
    { sku: 'B', qty: 1 },
  ];

  it('tries another alternative when the first one found uses a different element', () => {
    const pattern = {
      detail: { items: { sku: ['A'] }, $or: [{ items: { qty: [1] } }, { items: { qty: [2] } }] },
    };
    const items = skuAWith(2);
    expect(matches(pattern, detail({ items }))).toBe(true);
    expect(matches(pattern, detail({ items: skuAWith(3) }))).toBe(false);
  });

  it('backtracks across several $ors that compete for one element', () => {
    const pattern = {
      detail: {
        items: {
          f0: { $or: [{ a: ['x'] }, { b: ['y'] }] },
          f1: { $or: [{ a: ['x'] }, { b: ['y'] }] },
          f2: { $or: [{ a: ['x'] }, { b: ['y'] }] },
        },
      },
    };
    const element = (f0: object, f1: object, f2: object) => ({ f0, f1, f2 });
    const a = { a: 'x' };
    const b = { b: 'y' };
    // Each "a" exists in some element, but only the second element satisfies all three $ors.
    expect(
      matches(
        pattern,
        detail({ items: [element(a, b, { c: 1 }), element(b, a, b), element({ c: 1 }, a, a)] }),
      ),
    ).toBe(true);
    expect(matches(pattern, detail({ items: [element(a, b, { c: 1 }), element(b, { c: 1 }, a)] }))).toBe(
      false,
    );
  });

  it('keeps an alternative tied to the array when it also holds fields outside it', () => {
    const pattern = {
      detail: {
        items: { sku: ['A'] },
        $or: [
          { items: { qty: [1] }, region: ['eu'] },
          { items: { qty: [2] }, region: ['eu'] },
        ],
      },
    };
    expect(
      matches(
        pattern,
        detail({
          region: 'eu',
          items: skuAWith(2),
        }),
      ),
    ).toBe(true);
    expect(
      matches(
        pattern,
        detail({
          region: 'eu',
          items: skuAWith(3),
        }),
      ),
    ).toBe(false);
  });

  it('keeps a nested $or tied to the array when only one of its alternatives reaches into it', () => {
    const pattern = {
      detail: {
        items: { sku: ['A'] },
        $or: [{ region: ['eu'], $or: [{ items: { qty: [1] } }, { express: [true] }] }, { pickup: [true] }],
      },
    };
    expect(matches(pattern, detail({ region: 'eu', items: [{ sku: 'A', qty: 1 }] }))).toBe(true);
    expect(
      matches(
        pattern,
        detail({
          region: 'eu',
          items: skuAWith(3),
        }),
      ),
    ).toBe(false);
  });

  it('still requires the $ors outside arrays while it searches the ones inside', () => {
    // The first qty alternative takes the wrong element, so the whole pattern is searched again;
    // the "delivery" $or (with its own nested $or) lives outside any array and must still hold.
    const pattern = {
      detail: {
        items: { sku: ['A'] },
        $or: [{ items: { qty: [1] } }, { items: { qty: [2] } }],
        delivery: {
          $or: [{ courier: ['yes'], $or: [{ colour: ['red'] }, { colour: ['blue'] }] }, { pickup: ['yes'] }],
        },
      },
    };
    const items = skuAWith(2);
    expect(matches(pattern, detail({ items, delivery: { courier: 'yes', colour: 'blue' } }))).toBe(true);
    expect(
      matches(pattern, detail({ items, delivery: { courier: 'yes', colour: 'blue', pickup: 'yes' } })),
    ).toBe(true);
    expect(matches(pattern, detail({ items, delivery: { courier: 'yes', colour: 'green' } }))).toBe(false);
  });

  it('checks fields of one array against each other when another $or had alternatives left', () => {
    // No $or reaches into "items", but the "region" $or still had an alternative untried.
    const pattern = {
      detail: { items: { sku: ['A'], qty: [1] }, $or: [{ region: ['eu'] }, { region: ['us'] }] },
    };
    const items = skuAWith(2);
    expect(matches(pattern, detail({ region: 'eu', items }))).toBe(false);
  });
});

describe('case-insensitive operators', () => {
  it('prefix, suffix and equals ignore case', () => {
    expect(
      matches(
        { detail: { s: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } },
        detail({ s: 'EVENTBRIDGE' }),
      ),
    ).toBe(true);
    expect(
      matches({ detail: { s: [{ suffix: { 'equals-ignore-case': '.PNG' } }] } }, detail({ s: 'a.png' })),
    ).toBe(true);
    expect(matches({ detail: { s: [{ 'equals-ignore-case': 'ÄRGER' }] } }, detail({ s: 'ärger' }))).toBe(
      true,
    );
  });

  it.each([
    [{ prefix: { 'equals-ignore-case': 'eventb' } }, 'EVENTX-BRIDGE'],
    [{ prefix: { 'equals-ignore-case': 'eventb' } }, 'even'],
    [{ suffix: { 'equals-ignore-case': '.PNG' } }, 'a.pnk'],
    [{ suffix: { 'equals-ignore-case': '.PNG' } }, 'png'],
    [{ 'equals-ignore-case': 'ÄRGER' }, 'ärgeR!'],
    [{ 'equals-ignore-case': 'ÄRGER' }, 'ärgex'],
  ])('needs every character to match, ignoring case: %j does not match %s', (operator, value) => {
    expect(matches({ detail: { s: [operator] } }, detail({ s: value }))).toBe(false);
  });

  // event-ruler offers each pattern character's lower and upper case (Locale.ROOT), nothing else.
  it.each([
    [{ 'equals-ignore-case': 'straße' }, 'STRASSE', true], // 'ß' upper-cases to two letters
    [{ 'equals-ignore-case': 'straße' }, 'Straße', true],
    [{ 'equals-ignore-case': 'straße' }, 'strasse', false], // "ss" is neither 'ß' nor "SS"
    [{ 'equals-ignore-case': 'STRASSE' }, 'straße', false],
    [{ prefix: { 'equals-ignore-case': 'ß' } }, 'SSx', true],
    [{ prefix: { 'equals-ignore-case': 'ßa' } }, 'SSA', true],
    [{ suffix: { 'equals-ignore-case': 'aß' } }, 'xASS', true],
    [{ suffix: { 'equals-ignore-case': 'aß' } }, 'xAS', false],
    [{ 'equals-ignore-case': 'İ' }, 'i\u0307', true], // 'İ' lower-cases to i + combining dot
    [{ 'equals-ignore-case': 'İ' }, 'i', false],
    [{ 'equals-ignore-case': 'ǅ' }, 'ǆ', true], // a titlecase letter: its lower and upper case…
    [{ 'equals-ignore-case': 'ǅ' }, 'Ǆ', true],
    [{ 'equals-ignore-case': 'ǅ' }, 'ǅ', false], // …but not itself
    [{ prefix: { 'equals-ignore-case': 'ǅa' } }, 'ǅa', false],
    [{ suffix: { 'equals-ignore-case': 'ǅ' } }, 'xǅ', false],
    [{ 'anything-but': { 'equals-ignore-case': ['straße'] } }, 'STRASSE', false],
    [{ 'equals-ignore-case': 'ok😀' }, 'OK😀', true],
  ])('folds case the way event-ruler does: %j against %s → %s', (operator, value, expected) => {
    expect(matches({ detail: { s: [operator] } }, detail({ s: value }))).toBe(expected);
  });
});
