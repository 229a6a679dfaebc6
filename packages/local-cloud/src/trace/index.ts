// The local cloud's trace: what happened to each event, published in process, served over HTTP.
export {
  correlationIdOf,
  createTraceJournal,
  eventIdsOfBody,
  type TraceEntry,
  type TraceJournal,
  type TraceRecord,
} from './journal.js';
export { readTraceStream, streamTrace, TRACE_PATH } from './trace-stream.js';
