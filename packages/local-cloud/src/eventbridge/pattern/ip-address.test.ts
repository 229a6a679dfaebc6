import { describe, expect, it } from 'vitest';
import {
  type IpBytes,
  type IpRange,
  ipInRange,
  looksLikeIpAddress,
  parseCidr,
  parseIpAddress,
  sameIp,
} from './ip-address.js';

class Rejected extends Error {}
const reject = (reason: string): never => {
  throw new Rejected(reason);
};

function reasonFor(cidr: string): string | undefined {
  try {
    parseCidr(cidr, reject);
    return undefined;
  } catch (error) {
    if (error instanceof Rejected) return error.message;
    throw error;
  }
}

function ip(text: string): IpBytes {
  const bytes = parseIpAddress(text);
  if (!bytes) throw new Error(`test address does not parse: ${text}`);
  return bytes;
}

const v6 = (...groups: number[]) => groups.flatMap((group) => [group >> 8, group & 0xff]);

describe('looksLikeIpAddress', () => {
  it.each([
    ['1.2.3.4', true],
    ['10.0.255.1', true],
    ['999.999.999.999', true],
    ['::', true],
    ['::1', true],
    ['2001:db8::1', true],
    ['zz::1', false],
    ['a1.2.3.4', false],
    ['1.2.3.4x', false],
    ['1.2.3', false],
    ['1.2.3.4.5', false],
    ['::1g', false],
    ['g::1', false],
    ['::ffff:1.2.3.4', false],
    ['abcd', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeIpAddress(text)).toBe(expected);
  });
});

describe('parseIpAddress: IPv4', () => {
  it.each([
    ['0.0.0.0', [0, 0, 0, 0]],
    ['255.255.255.255', [255, 255, 255, 255]],
    ['10.0.255.1', [10, 0, 255, 1]],
    ['192.168.100.200', [192, 168, 100, 200]],
  ])('%s → %j', (text, bytes) => {
    expect(parseIpAddress(text)).toEqual(bytes);
  });

  it.each([
    '256.0.0.0',
    '0.0.0.256',
    '1.2.300.4',
    '999.1.1.1',
    // More than three digits is refused even when the value would fit. (Whether AWS accepts one or two
    // leading zeros depends on the JDK's ambiguous-literal handling, so that is left untested.)
    '0255.0.0.0',
    '1.2.3.0001',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.',
    '-1.2.3.4',
    'a1.2.3.4',
    '1.2.3.4x',
    'not an ip',
    '',
  ])('%j → undefined', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});

describe('parseIpAddress: IPv6', () => {
  it.each([
    ['::', v6(0, 0, 0, 0, 0, 0, 0, 0)],
    ['::1', v6(0, 0, 0, 0, 0, 0, 0, 1)],
    ['1::', v6(1, 0, 0, 0, 0, 0, 0, 0)],
    ['2001:db8::1', v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)],
    ['2001:DB8:0:0:0:0:0:1', v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)],
    ['1:2:3:4:5:6:7:8', v6(1, 2, 3, 4, 5, 6, 7, 8)],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', new Array<number>(16).fill(255)],
    // `::` standing for a single zero group.
    ['1:2:3::5:6:7:8', v6(1, 2, 3, 0, 5, 6, 7, 8)],
    ['::2:3:4:5:6:7:8', v6(0, 2, 3, 4, 5, 6, 7, 8)],
    ['1:2:3:4:5:6:7::', v6(1, 2, 3, 4, 5, 6, 7, 0)],
    ['1:2::7:8', v6(1, 2, 0, 0, 0, 0, 7, 8)],
    // Only ::ffff:a.b.c.d (in hex groups) is IPv4-mapped; near misses stay IPv6.
    ['::ff:102:304', v6(0, 0, 0, 0, 0, 0xff, 0x102, 0x304)],
    ['::ff00:102:304', v6(0, 0, 0, 0, 0, 0xff00, 0x102, 0x304)],
    ['::fffe:102:304', v6(0, 0, 0, 0, 0, 0xfffe, 0x102, 0x304)],
    ['1::ffff:102:304', v6(1, 0, 0, 0, 0, 0xffff, 0x102, 0x304)],
    ['::1:ffff:102:304', v6(0, 0, 0, 0, 1, 0xffff, 0x102, 0x304)],
    ['0:0:0:0:1:ffff:102:304', v6(0, 0, 0, 0, 1, 0xffff, 0x102, 0x304)],
  ])('%s → %j', (text, bytes) => {
    expect(parseIpAddress(text)).toEqual(bytes);
  });

  it.each([
    ['::ffff:102:304', [1, 2, 3, 4]],
    ['::FFFF:c0a8:0101', [192, 168, 1, 1]],
    ['0:0:0:0:0:ffff:0:0', [0, 0, 0, 0]],
    ['0000:0000:0000:0000:0000:ffff:ffff:ffff', [255, 255, 255, 255]],
  ])('IPv4-mapped %s comes back as IPv4 %j (as Java InetAddress does)', (text, bytes) => {
    expect(parseIpAddress(text)).toEqual(bytes);
  });

  it.each([
    // Too few / too many groups.
    '1:2:3:4:5:6:7',
    '1:2:3',
    '1:2:3:4:5:6:7:8:9',
    // `::` must stand for at least one group.
    '1:2:3:4::5:6:7:8',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5::6:7:8:9',
    // At most one `::`.
    '1::2::3',
    '1:2:3:4:5:6:7:8::::',
    '1:2:3:4:5:6:7:8::1::2',
    '::1::',
    // Groups of more than four hex digits, empty groups, single colons at the ends.
    '1:2:3:4:5:6:7:12345',
    '12345:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7:00000',
    ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:',
    ':1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7:8:',
    '1::2:',
    ':::',
    ':',
    // Non-hex characters and dotted IPv4 tails (not an IP shape here).
    '1::g',
    '::ffff:1.2.3.4',
  ])('%j → undefined', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});

describe('sameIp', () => {
  it('compares bytes, whatever the spelling', () => {
    expect(sameIp(ip('2001:db8::1'), ip('2001:0DB8:0:0:0:0:0:1'))).toBe(true);
    expect(sameIp(ip('10.0.0.1'), ip('10.0.0.1'))).toBe(true);
    expect(sameIp(ip('10.0.0.1'), ip('10.0.0.2'))).toBe(false);
    expect(sameIp(ip('::1'), ip('::2'))).toBe(false);
  });

  it('never equates addresses of different families', () => {
    expect(sameIp(ip('0.0.0.0'), ip('::'))).toBe(false);
    expect(sameIp(ip('::'), ip('0.0.0.0'))).toBe(false);
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(sameIp(ip('::ffff:a00:1'), ip('10.0.0.1'))).toBe(true);
  });
});

describe('ipInRange', () => {
  const range = (cidr: string): IpRange => parseCidr(cidr, reject);

  it.each([
    // IPv4: first and last address of the range, and one outside each end.
    ['10.0.1.0/24', '10.0.1.0', true],
    ['10.0.1.0/24', '10.0.1.255', true],
    ['10.0.1.0/24', '10.0.1.77', true],
    ['10.0.1.0/24', '10.0.0.255', false],
    ['10.0.1.0/24', '10.0.2.0', false],
    ['172.16.0.0/12', '172.16.0.0', true],
    ['172.16.0.0/12', '172.31.255.255', true],
    ['172.16.0.0/12', '172.15.255.255', false],
    ['172.16.0.0/12', '172.32.0.0', false],
    ['10.0.0.8/30', '10.0.0.8', true],
    ['10.0.0.8/30', '10.0.0.11', true],
    ['10.0.0.8/30', '10.0.0.7', false],
    ['10.0.0.8/30', '10.0.0.12', false],
    ['10.0.0.8/31', '10.0.0.9', true],
    ['10.0.0.8/31', '10.0.0.10', false],
    // IPv6.
    ['2001:db8:1234:1a00::/56', '2001:db8:1234:1a00::', true],
    ['2001:db8:1234:1a00::/56', '2001:db8:1234:1aff:ffff:ffff:ffff:ffff', true],
    ['2001:db8:1234:1a00::/56', '2001:db8:1234:19ff:ffff:ffff:ffff:ffff', false],
    ['2001:db8:1234:1a00::/56', '2001:db8:1234:1b00::', false],
    ['2001:db8::/127', '2001:db8::1', true],
    ['2001:db8::/127', '2001:db8::2', false],
    ['::2/127', '::1', false],
    ['::/0', '::', true],
    ['::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true],
    // IPv4-mapped IPv6 event values are matched as IPv4.
    ['10.0.1.0/24', '::ffff:a00:105', true],
  ])('%s contains %s → %s', (cidr, address, expected) => {
    expect(ipInRange(ip(address), range(cidr))).toBe(expected);
  });

  it('only matches addresses of the range’s own family', () => {
    expect(ipInRange(ip('1.2.3.4'), range('::/0'))).toBe(false);
    expect(ipInRange(ip('0.0.0.0'), range('::/0'))).toBe(false);
    expect(ipInRange(ip('::'), range('0.0.0.0/0'))).toBe(false);
    expect(ipInRange(ip('::1'), range('0.0.0.0/0'))).toBe(false);
  });

  it('keeps the written address as the low end (host bits are not cleared)', () => {
    expect(ipInRange(ip('10.0.0.5'), range('10.0.0.5/24'))).toBe(true);
    expect(ipInRange(ip('10.0.0.4'), range('10.0.0.5/24'))).toBe(false);
    expect(ipInRange(ip('10.0.0.0'), range('10.0.0.5/24'))).toBe(false);
    expect(ipInRange(ip('10.0.0.255'), range('10.0.0.5/24'))).toBe(true);
  });
});

describe('parseCidr: ranges', () => {
  it.each([
    ['10.0.0.0/0', [10, 0, 0, 0], [255, 255, 255, 255]],
    ['0.0.0.0/0', [0, 0, 0, 0], [255, 255, 255, 255]],
    ['128.0.0.0/1', [128, 0, 0, 0], [255, 255, 255, 255]],
    ['0.0.0.0/1', [0, 0, 0, 0], [127, 255, 255, 255]],
    ['10.0.0.0/7', [10, 0, 0, 0], [11, 255, 255, 255]],
    ['10.0.0.0/8', [10, 0, 0, 0], [10, 255, 255, 255]],
    ['10.0.0.0/9', [10, 0, 0, 0], [10, 127, 255, 255]],
    ['10.0.0.0/16', [10, 0, 0, 0], [10, 0, 255, 255]],
    ['10.0.0.0/24', [10, 0, 0, 0], [10, 0, 0, 255]],
    ['10.0.0.0/25', [10, 0, 0, 0], [10, 0, 0, 127]],
    ['10.0.0.0/30', [10, 0, 0, 0], [10, 0, 0, 3]],
    ['10.0.0.0/31', [10, 0, 0, 0], [10, 0, 0, 1]],
    ['10.0.0.6/31', [10, 0, 0, 6], [10, 0, 0, 7]],
    ['10.0.0.5/24', [10, 0, 0, 5], [10, 0, 0, 255]],
    // Mask text as Java's Integer.parseInt reads it.
    ['10.0.0.0/+8', [10, 0, 0, 0], [10, 255, 255, 255]],
    ['10.0.0.0/008', [10, 0, 0, 0], [10, 255, 255, 255]],
    // Leading zeros do not count against the int's size, as in Integer.parseInt.
    ['10.0.0.0/00000000008', [10, 0, 0, 0], [10, 255, 255, 255]],
    ['10.0.0.0/-0', [10, 0, 0, 0], [255, 255, 255, 255]],
    // Java's String.split drops trailing empty strings.
    ['10.0.0.0/8/', [10, 0, 0, 0], [10, 255, 255, 255]],
    ['10.0.0.0/8//', [10, 0, 0, 0], [10, 255, 255, 255]],
    ['::ffff:a00:0/24', [10, 0, 0, 0], [10, 0, 0, 255]],
  ])('IPv4 %s → %j – %j', (cidr, low, high) => {
    expect(parseCidr(cidr, reject)).toEqual({ low, high });
  });

  it.each([
    ['::/0', v6(0, 0, 0, 0, 0, 0, 0, 0), new Array<number>(16).fill(255)],
    [
      '2001:db8::/32',
      v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
      v6(0x2001, 0xdb8, ...new Array<number>(6).fill(0xffff)),
    ],
    [
      '2001:db8:1234:1a00::/56',
      v6(0x2001, 0xdb8, 0x1234, 0x1a00, 0, 0, 0, 0),
      v6(0x2001, 0xdb8, 0x1234, 0x1aff, 0xffff, 0xffff, 0xffff, 0xffff),
    ],
    [
      '2001:db8::/60',
      v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0),
      v6(0x2001, 0xdb8, 0, 0xf, 0xffff, 0xffff, 0xffff, 0xffff),
    ],
    ['::/126', v6(0, 0, 0, 0, 0, 0, 0, 0), v6(0, 0, 0, 0, 0, 0, 0, 3)],
    ['::4/127', v6(0, 0, 0, 0, 0, 0, 0, 4), v6(0, 0, 0, 0, 0, 0, 0, 5)],
    ['8000::/1', v6(0x8000, 0, 0, 0, 0, 0, 0, 0), new Array<number>(16).fill(255)],
  ])('IPv6 %s → %j – %j', (cidr, low, high) => {
    expect(parseCidr(cidr, reject)).toEqual({ low, high });
  });
});

describe('parseCidr: refused operands', () => {
  it.each([
    ['10.0.0.0', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/', "Malformed CIDR, one '/' required"],
    ['10.0.0.0//', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/8/9', "Malformed CIDR, one '/' required"],
    ['10.0.0.0/8/ /', "Malformed CIDR, one '/' required"],
    ['/', "Malformed CIDR, one '/' required"],
    ['//', "Malformed CIDR, one '/' required"],
    ['', "Malformed CIDR, one '/' required"],
    ['/8', 'Nonstandard IP address: '],
    ['10.0.0.0/x', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/x8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/8x', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/ 8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/8.0', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/+', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/+-8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/0x8', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/1e1', 'Malformed CIDR, mask bits must be an integer'],
    // Beyond a Java int.
    ['10.0.0.0/2147483648', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/9999999999', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/-2147483649', 'Malformed CIDR, mask bits must be an integer'],
    ['10.0.0.0/2147483647', 'IPv4 mask bits must be < 32'],
    ['::/2147483647', 'IPv6 mask bits must be < 128'],
    ['10.0.0.0/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/-8', 'Malformed CIDR, mask bits must not be negative'],
    ['::/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['10.0.0.0/-2147483647', 'Malformed CIDR, mask bits must not be negative'],
    // Java's Integer.parseInt takes the smallest int too.
    ['10.0.0.0/-2147483648', 'Malformed CIDR, mask bits must not be negative'],
    // Mask checked before the address.
    ['nonsense/-1', 'Malformed CIDR, mask bits must not be negative'],
    ['nonsense/x', 'Malformed CIDR, mask bits must be an integer'],
    // IPv4 prefix boundaries (event-ruler refuses /32).
    ['10.0.0.0/32', 'IPv4 mask bits must be < 32'],
    ['10.0.0.0/33', 'IPv4 mask bits must be < 32'],
    ['10.0.0.0/127', 'IPv4 mask bits must be < 32'],
    ['10.0.0.0/128', 'IPv4 mask bits must be < 32'],
    ['::ffff:a00:0/32', 'IPv4 mask bits must be < 32'],
    // IPv6 prefix boundaries (event-ruler refuses /128).
    ['::/128', 'IPv6 mask bits must be < 128'],
    ['::/129', 'IPv6 mask bits must be < 128'],
    ['2001:db8::/200', 'IPv6 mask bits must be < 128'],
    // Addresses.
    ['10.0.0.300/8', 'Invalid IP address: 10.0.0.300'],
    ['256.0.0.0/8', 'Invalid IP address: 256.0.0.0'],
    ['0255.0.0.0/8', 'Invalid IP address: 0255.0.0.0'],
    ['1::2::3/64', 'Invalid IP address: 1::2::3'],
    ['1:2:3:4:5:6:7/64', 'Invalid IP address: 1:2:3:4:5:6:7'],
    ['1:2:3:4::5:6:7:8/64', 'Invalid IP address: 1:2:3:4::5:6:7:8'],
    ['1:2:3:4:5:6:7:12345/64', 'Invalid IP address: 1:2:3:4:5:6:7:12345'],
    ['10.0.0/8', 'Nonstandard IP address: 10.0.0'],
    ['10.0.0.0.0/8', 'Nonstandard IP address: 10.0.0.0.0'],
    ['example.com/8', 'Nonstandard IP address: example.com'],
    ['::ffff:10.0.0.0/104', 'Nonstandard IP address: ::ffff:10.0.0.0'],
    ['::g/64', 'Nonstandard IP address: ::g'],
  ])('%j → %s', (cidr, reason) => {
    expect(reasonFor(cidr)).toBe(reason);
  });

  it.each(['10.0.0.0/0', '10.0.0.0/31', '::/0', '::/127', '2001:db8::/64'])('accepts %s', (cidr) => {
    expect(reasonFor(cidr)).toBeUndefined();
  });
});
