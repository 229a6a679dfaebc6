import { describe, expect, it } from 'vitest';
import { createTraceJournal, eventIdsOfBody, type TraceEntry } from './journal.js';
import { readTraceStream } from './trace-stream.js';

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('createTraceJournal', () => {
  it('stamps entries, reaches every listener, and survives a listener that throws', () => {
    const journal = createTraceJournal();
    const seen: TraceEntry[] = [];
    journal.subscribe(() => {
      throw new Error('broken watcher');
    });
    const unsubscribe = journal.subscribe((entry) => seen.push(entry));

    journal.publish({ kind: 'matched', bus: 'b', rule: 'r', targets: 1 });
    unsubscribe();
    journal.publish({ kind: 'matched', bus: 'b', rule: 'later', targets: 1 });

    expect(seen).toEqual([{ at: expect.any(String), kind: 'matched', bus: 'b', rule: 'r', targets: 1 }]);
    expect(journal.watched).toBe(true);
  });
});

describe('readTraceStream', () => {
  it('reads entries split across chunks and skips comments', async () => {
    const entry = { at: '2026-12-01T00:00:00.000Z', kind: 'matched', bus: 'b', rule: 'r', targets: 1 };
    const text = `: following\n\ndata: ${JSON.stringify(entry)}\n\n: keep-alive\n\n`;
    const entries: TraceEntry[] = [];

    await readTraceStream(streamOf(text.slice(0, 20), text.slice(20, 41), text.slice(41)), (e) =>
      entries.push(e),
    );

    expect(entries).toEqual([entry]);
  });
});

describe('eventIdsOfBody', () => {
  it.each([
    [
      'an EventBridge event',
      '{"id":"e-1","detail":{"correlationId":"c-1"}}',
      { eventId: 'e-1', correlationId: 'c-1' },
    ],
    ['an event without a correlation id', '{"id":"e-1","detail":{}}', { eventId: 'e-1' }],
    ['not JSON', '{"trunc', {}],
    ['JSON null', 'null', {}],
  ])('reads %s', (_, body, expected) => {
    expect(eventIdsOfBody(body)).toEqual(expected);
  });
});
