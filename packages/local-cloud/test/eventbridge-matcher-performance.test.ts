import { PutEventsCommand, PutRuleCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { localEventBridgeForFile } from './support/local-eventbridge.js';

/**
 * Patterns AWS accepts and events within PutEvents' 256 KiB must be answered in milliseconds. The
 * emulator runs in this process, so the process's CPU time for a request is the work it did,
 * whatever else the machine is busy with. Before the matcher was rewritten, the 17-$or rule took
 * seconds and ~180 MiB (2^17 expanded branches) and the 64 KiB event over a second.
 */
const BOUND_MS = 200;

async function cpuMillisecondsOf(work: () => Promise<unknown>): Promise<number> {
  const started = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000;
}

/** `count` parallel `$or`s: event-ruler would expand them into 2^count sub-rules. */
function parallelOrs(count: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) fields[`f${i}`] = { $or: [{ a: ['x'] }, { b: ['y'] }] };
  return fields;
}

function satisfyingOrs(count: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) fields[`f${i}`] = { b: 'y' };
  return fields;
}

/** 50 orders of 40 lines: no line has both the sku and the quantity the array rule asks for. */
function ordersWithManyArrays() {
  return Array.from({ length: 50 }, (_, order) => ({
    id: `order-${order}`,
    tags: ['a', 'b', 'c'],
    lines: Array.from({ length: 40 }, (_, line) =>
      line % 2 === 0 ? { sku: 'A', qty: 1, notes: ['n'] } : { sku: 'B', qty: 2, notes: ['n'] },
    ),
  }));
}

/** 3200 items alternating two shapes: every sku 'A' sits next to a qty other than 2. */
const alternatingItems = () =>
  Array.from({ length: 3200 }, (_, item) => (item % 2 === 0 ? { sku: 'A', qty: 1 } : { sku: 'B', qty: 2 }));

const envelope = (detail: Record<string, unknown>) =>
  JSON.stringify({
    id: '1',
    source: 'perf',
    'detail-type': 'Measured',
    account: '123456789012',
    region: 'us-east-1',
    time: '2022-07-13T13:48:01Z',
    resources: [],
    detail,
  });

describe('EventBridge matcher stays fast on patterns AWS accepts', () => {
  const { client } = localEventBridgeForFile();

  beforeAll(async () => {
    // The first request pays for loading and compiling the SDK and server code paths.
    await client.send(new PutRuleCommand({ Name: 'warm-up', EventPattern: '{"source":["perf"]}' }));
  });

  it(`accepts 17 parallel $ors in under ${BOUND_MS} ms`, async () => {
    const pattern = JSON.stringify({ source: ['perf'], detail: parallelOrs(17) });
    const took = await cpuMillisecondsOf(() =>
      client.send(new PutRuleCommand({ Name: 'seventeen-ors', EventPattern: pattern })),
    );
    expect(took).toBeLessThan(BOUND_MS);
  });

  it(`tests 40 parallel $ors against an event in under ${BOUND_MS} ms`, async () => {
    const command = new TestEventPatternCommand({
      EventPattern: JSON.stringify({ detail: parallelOrs(40) }),
      Event: envelope(satisfyingOrs(40)),
    });
    let result: boolean | undefined;
    const took = await cpuMillisecondsOf(async () => {
      ({ Result: result } = await client.send(command));
    });
    expect(result).toBe(true);
    expect(took).toBeLessThan(BOUND_MS);
  });

  it(`routes a ~70 KiB event full of arrays past array and $or rules in under ${BOUND_MS} ms`, async () => {
    await client.send(
      new PutRuleCommand({
        Name: 'same-line',
        EventPattern: JSON.stringify({
          source: ['perf'],
          detail: { orders: { lines: { sku: ['A'], qty: [2] } } },
        }),
      }),
    );
    await client.send(
      new PutRuleCommand({
        Name: 'many-ors',
        EventPattern: JSON.stringify({ source: ['perf'], detail: parallelOrs(17) }),
      }),
    );
    const Detail = JSON.stringify({ orders: ordersWithManyArrays(), ...satisfyingOrs(17) });
    expect(Buffer.byteLength(Detail)).toBeGreaterThan(60 * 1024);
    expect(Buffer.byteLength(Detail)).toBeLessThan(256 * 1024);

    const took = await cpuMillisecondsOf(() =>
      client.send(new PutEventsCommand({ Entries: [{ Source: 'perf', DetailType: 'Measured', Detail }] })),
    );
    expect(took).toBeLessThan(BOUND_MS);
  });

  it(`decides array consistency for a ~63 KiB event in under ${BOUND_MS} ms`, async () => {
    const Event = envelope({ items: alternatingItems() });
    expect(Buffer.byteLength(Event)).toBeGreaterThan(60 * 1024);
    const command = new TestEventPatternCommand({
      EventPattern: JSON.stringify({ detail: { items: { sku: ['A'], qty: [2] } } }),
      Event,
    });
    let result: boolean | undefined;
    const took = await cpuMillisecondsOf(async () => {
      ({ Result: result } = await client.send(command));
    });
    expect(result).toBe(false);
    expect(took).toBeLessThan(BOUND_MS);
  });

  it(`matches a wildcard against a 200,000-character value in under ${BOUND_MS} ms`, async () => {
    const command = new TestEventPatternCommand({
      EventPattern: JSON.stringify({ detail: { text: [{ wildcard: '*a*a*a*b' }] } }),
      Event: envelope({ text: 'a'.repeat(200_000) }),
    });
    let result: boolean | undefined;
    const took = await cpuMillisecondsOf(async () => {
      ({ Result: result } = await client.send(command));
    });
    expect(result).toBe(false);
    expect(took).toBeLessThan(BOUND_MS);
  });
});
