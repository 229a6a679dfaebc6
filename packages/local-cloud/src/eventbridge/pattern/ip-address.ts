/**
 * IP literals as event-ruler reads them: a string is only treated as an address when it has the
 * shape of one (four dotted decimals, or hex digits and colons), then it is parsed strictly.
 * Addresses are compared as byte strings, so a range only matches addresses of its own family.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export type IpBytes = readonly number[];

export function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

function parseIpv4(text: string): IpBytes | undefined {
  const bytes = text.split('.').map((part) => (part.length > 3 ? Number.NaN : Number(part)));
  return bytes.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255) ? bytes : undefined;
}

function parseHexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const values: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    values.push(Number.parseInt(group, 16));
  }
  return values;
}

function parseIpv6(text: string): IpBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHexGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  // Java's InetAddress hands IPv4-mapped IPv6 addresses back as plain IPv4; event-ruler inherits that.
  const isV4Mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return isV4Mapped ? bytes.slice(12) : bytes;
}

/** Parses an address that has an IP shape; undefined when it does not parse. */
export function parseIpAddress(text: string): IpBytes | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

export interface IpRange {
  readonly low: IpBytes;
  readonly high: IpBytes;
}

function compareBytes(a: IpBytes, b: IpBytes): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function ipInRange(address: IpBytes, range: IpRange): boolean {
  if (address.length !== range.low.length) return false;
  return compareBytes(address, range.low) >= 0 && compareBytes(address, range.high) <= 0;
}

export function sameIp(a: IpBytes, b: IpBytes): boolean {
  return a.length === b.length && compareBytes(a, b) === 0;
}

function addressBytesOrReject(text: string, reject: (reason: string) => never): IpBytes {
  if (!looksLikeIpAddress(text)) return reject(`Nonstandard IP address: ${text}`);
  return parseIpAddress(text) ?? reject(`Invalid IP address: ${text}`);
}

/**
 * Parses a `cidr` operand with event-ruler's checks and messages. Like event-ruler, the low end is
 * the address as written (host bits are not cleared) and only the high end is widened by the mask.
 */
export function parseCidr(text: string, reject: (reason: string) => never): IpRange {
  // Java's String.split drops trailing empty strings, so "10.0.0.0/" has one part.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) return reject("Malformed CIDR, one '/' required");
  const [addressText = '', maskText = ''] = parts;
  // Java's Integer.parseInt: any number of digits (leading zeros too) within a 32-bit int.
  const maskBits = Number(maskText);
  if (!/^[+-]?\d+$/.test(maskText) || maskBits < -2147483648 || maskBits > 2147483647) {
    return reject('Malformed CIDR, mask bits must be an integer');
  }
  if (maskBits < 0) return reject('Malformed CIDR, mask bits must not be negative');
  const low = addressBytesOrReject(addressText, reject);
  if (low.length === 4 && maskBits > 31) return reject('IPv4 mask bits must be < 32');
  if (low.length === 16 && maskBits > 127) return reject('IPv6 mask bits must be < 128');
  let hostBits = low.length * 8 - maskBits;
  const high = [...low];
  for (let i = high.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    high[i] = (high[i] ?? 0) | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
  }
  return { low, high };
}
