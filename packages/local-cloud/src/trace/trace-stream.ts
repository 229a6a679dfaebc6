import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TraceEntry, TraceJournal } from './journal.js';

/**
 * Where the EventBridge emulator serves the trace journal: a path no AWS API uses (the SDK only
 * POSTs to `/`), so the emulator stays a faithful EventBridge endpoint.
 */
export const TRACE_PATH = '/_local/trace';

/** A watcher that stops reading is cut off past this much unsent data, so it cannot grow `pnpm dev`. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Clients (undici's fetch) give up on a body that is silent for 300 s; an idle cloud is silent. */
const KEEP_ALIVE_MS = 15_000;

/**
 * Streams the journal to one HTTP client as server-sent events (one `data:` line of JSON per
 * entry) until the client goes away or the server closes. SSE keeps the tool a plain `fetch`
 * reader and the server a plain `node:http` response: no WebSocket library on either side.
 */
export const streamTrace = (journal: TraceJournal, request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // A first comment, so the client knows it is following before anything happens.
  response.write(': following the local cloud\n\n');
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  const unsubscribe = journal.subscribe((entry) => {
    if (response.writableLength > MAX_BUFFERED_BYTES) {
      stop();
      response.end();
      return;
    }
    response.write(`data: ${JSON.stringify(entry)}\n\n`);
  });
  function stop() {
    clearInterval(keepAlive);
    unsubscribe();
  }
  request.on('close', stop);
  response.on('close', stop);
};

/**
 * Reads a server-sent event stream of trace entries, calling `onEntry` for each, until the stream
 * ends (or rejects when the fetch behind it is aborted). Comment lines are skipped.
 */
export const readTraceStream = async (
  body: ReadableStream<Uint8Array>,
  onEntry: (entry: TraceEntry) => void,
): Promise<void> => {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const message = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = message
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice('data: '.length))
        .join('\n');
      if (data !== '') onEntry(JSON.parse(data) as TraceEntry);
      end = buffered.indexOf('\n\n');
    }
  }
};
