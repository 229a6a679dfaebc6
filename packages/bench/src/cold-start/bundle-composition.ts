import { readFile } from 'node:fs/promises';

/** Where a bundle's bytes come from, by group, as measured on the production bundle and its map. */
export type BundleComposition = Record<ComponentGroup, number>;

export type ComponentGroup =
  | 'SDK core'
  | 'DynamoDB client'
  | 'EventBridge client'
  | 'zod'
  | 'jose'
  | 'Powertools'
  | 'Middy'
  | 'other deps'
  | 'our code'
  | 'unmapped';

/** The groups, with each AWS client apart so the table shows which function carries which client. */
export const COMPONENT_GROUPS: readonly ComponentGroup[] = [
  'SDK core',
  'DynamoDB client',
  'EventBridge client',
  'zod',
  'jose',
  'Powertools',
  'Middy',
  'other deps',
  'our code',
  'unmapped',
];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source-map segment (base64 VLQ). */
const decodeSegment = (segment: string): number[] => {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
};

const groupOf = (source: string): ComponentGroup => {
  // The package is the folder after the last node_modules (pnpm nests real packages in .pnpm).
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(source);
  const pkg = match?.[1];
  if (pkg === undefined) return 'our code';
  if (['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb'].includes(pkg)) {
    return 'DynamoDB client';
  }
  if (pkg === '@aws-sdk/client-eventbridge') return 'EventBridge client';
  if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/') || pkg.startsWith('@aws/')) return 'SDK core';
  if (pkg === 'zod') return 'zod';
  if (pkg === 'jose') return 'jose';
  if (pkg.startsWith('@aws-lambda-powertools/')) return 'Powertools';
  if (pkg.startsWith('@middy/')) return 'Middy';
  return 'other deps';
};

/**
 * Attributes every generated character of a bundle to the source file its source map says it came
 * from (a segment owns the columns up to the next segment), then sums by group. This reads the
 * artifact that ships, so it cannot drift from the build settings.
 */
export const bundleComposition = async (codeFile: string, mapFile: string): Promise<BundleComposition> => {
  const [code, map] = await Promise.all([readFile(codeFile, 'utf8'), readFile(mapFile, 'utf8')]);
  const { sources, mappings } = JSON.parse(map) as { sources: string[]; mappings: string };
  const bytes = Object.fromEntries(COMPONENT_GROUPS.map((group) => [group, 0])) as BundleComposition;
  const groups = sources.map(groupOf);
  const lines = code.split('\n');
  let sourceIndex = 0;
  for (const [lineNumber, lineMappings] of mappings.split(';').entries()) {
    const lineLength = (lines[lineNumber] ?? '').length + 1; // the newline belongs to the line
    let column = 0;
    let mappedFrom = 0;
    let owner: ComponentGroup = 'unmapped';
    for (const segment of lineMappings.split(',')) {
      if (segment === '') continue;
      const [columnDelta = 0, sourceDelta] = decodeSegment(segment);
      column += columnDelta;
      bytes[owner] += column - mappedFrom;
      mappedFrom = column;
      if (sourceDelta === undefined) {
        owner = 'unmapped';
      } else {
        sourceIndex += sourceDelta;
        owner = groups[sourceIndex] ?? 'unmapped';
      }
    }
    bytes[owner] += lineLength - mappedFrom;
  }
  return bytes;
};
