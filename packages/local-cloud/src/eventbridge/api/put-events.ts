import { randomUUID } from 'node:crypto';
import { correlationIdOf } from '../../trace/journal.js';
import { validationError } from '../api-error.js';
import { busNameFrom } from '../arns.js';
import type { EventEnvelope, Rule } from '../model.js';
import { flattenEvent, matchesCompiledPattern } from '../pattern/index.js';
import type { EmulatorContext, OperationHandler } from './context.js';
import { optionalArray } from './request-fields.js';

const MAX_ENTRIES = 10;
/** AWS caps the summed entry sizes of one request at 256 KiB. */
const MAX_TOTAL_ENTRY_SIZE = 256 * 1024;
const TIME_FIELD_SIZE = 14;

interface RequestEntry {
  readonly Time?: unknown;
  readonly Source?: unknown;
  readonly Resources?: unknown;
  readonly DetailType?: unknown;
  readonly Detail?: unknown;
  readonly EventBusName?: unknown;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const utf8Size = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);

/** Entry size exactly as the EventBridge guide's "Calculating PutEvents event entry size" defines it. */
export function entrySize(entry: RequestEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? TIME_FIELD_SIZE : 0;
  size += utf8Size(entry.Source) + utf8Size(entry.DetailType) + utf8Size(entry.Detail);
  if (Array.isArray(entry.Resources)) for (const resource of entry.Resources) size += utf8Size(resource);
  return size;
}

/** The SDK sends Time as epoch seconds; other clients may send ISO text. */
function eventTime(time: unknown, now: Date): string {
  let date = now;
  if (typeof time === 'number') date = new Date(time * 1000);
  else if (typeof time === 'string') date = new Date(/^\d+(\.\d+)?$/.test(time) ? Number(time) * 1000 : time);
  if (Number.isNaN(date.getTime())) date = now;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function invalidArgument(field: string): EntryResult {
  return {
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
  };
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function acceptEntry(context: EmulatorContext, entry: RequestEntry, now: Date): EntryResult {
  const { Source: source, DetailType: detailType, Detail: detailText } = entry;
  if (typeof source !== 'string' || source === '') return invalidArgument('Source');
  if (typeof detailType !== 'string' || detailType === '') return invalidArgument('DetailType');
  if (typeof detailText !== 'string' || detailText === '') return invalidArgument('Detail');
  const detail = parseDetail(detailText);
  if (!detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  // Only AWS services may publish events whose source starts with "aws.".
  if (source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  const busName = busNameFrom(typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined);
  const bus = context.buses.get(busName);
  if (!bus) {
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${busName} does not exist.` };
  }
  const resources = Array.isArray(entry.Resources)
    ? entry.Resources.filter((r): r is string => typeof r === 'string')
    : [];
  const event: EventEnvelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: context.scope.accountId,
    time: eventTime(entry.Time, now),
    region: context.scope.region,
    resources,
    detail,
  };
  routeEvent(context, busName, bus.rules.values(), event);
  return { EventId: event.id };
}

function routeEvent(context: EmulatorContext, busName: string, rules: Iterable<Rule>, event: EventEnvelope) {
  const active = [...rules].filter((rule) => rule.state !== 'DISABLED' && rule.compiledPattern);
  // One flattening for all rules, limited to the fields some rule looks at.
  const paths = active.flatMap((rule) => rule.compiledPattern?.paths ?? []);
  const fields = flattenEvent(event as unknown as Record<string, unknown>, paths);
  const matched = active.filter(
    (rule) => rule.compiledPattern !== undefined && matchesCompiledPattern(rule.compiledPattern, fields),
  );
  // Recorded before dispatching, so the put and its matches precede every delivery in the trace.
  const ids = { eventId: event.id, correlationId: correlationIdOf(event) };
  context.trace.publish({
    kind: 'put',
    ...ids,
    bus: busName,
    source: event.source,
    detailType: event['detail-type'],
    matchedRules: matched.length,
  });
  for (const rule of matched) {
    context.trace.publish({
      kind: 'matched',
      ...ids,
      bus: busName,
      rule: rule.name,
      targets: rule.targets.size,
    });
    context.dispatch(rule, event);
  }
}

export const putEvents: OperationHandler = (context, body) => {
  const entries = (optionalArray(body, 'Entries') ?? []) as RequestEntry[];
  if (entries.length < 1 || entries.length > MAX_ENTRIES) {
    const bound = entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ENTRIES}`;
    throw validationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  const totalSize = entries.reduce((sum, entry) => sum + entrySize(entry ?? {}), 0);
  if (totalSize > MAX_TOTAL_ENTRY_SIZE) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }
  const now = new Date();
  const results = entries.map((entry) => acceptEntry(context, entry ?? {}, now));
  return {
    FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
    Entries: results,
  };
};
