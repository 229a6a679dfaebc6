import type { TraceEntry } from '../trace/journal.js';
import { readTraceStream, TRACE_PATH } from '../trace/trace-stream.js';

export type FollowState = 'following' | 'waiting' | 'ended';

const RECONNECT_MS = 1000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Follows the local cloud's trace at `<eventBridgeUrl>/_local/trace` until `signal` aborts,
 * reconnecting when the local cloud is not up yet or restarts, so the tool can be started before
 * `pnpm dev` and outlive a restart of it. `onState` hears each change of connection state once.
 */
export const followTrace = async ({
  eventBridgeUrl,
  signal,
  onEntry,
  onState,
}: {
  eventBridgeUrl: string;
  signal: AbortSignal;
  onEntry: (entry: TraceEntry) => void;
  onState: (state: FollowState, detail?: string) => void;
}): Promise<void> => {
  let state: FollowState | undefined;
  const enter = (next: FollowState, detail?: string) => {
    if (next !== state) onState(next, detail);
    state = next;
  };
  while (!signal.aborted) {
    try {
      const response = await fetch(`${eventBridgeUrl}${TRACE_PATH}`, { signal });
      if (!response.ok || response.body === null) {
        throw new Error(`${response.status} ${response.statusText}: is this the local cloud's EventBridge?`);
      }
      enter('following');
      await readTraceStream(response.body, onEntry);
      enter('ended');
      // "Stopped" already says the tool waits for it to come back; no second line for that.
      state = 'waiting';
    } catch (error) {
      if (signal.aborted) return;
      // fetch says only "fetch failed"; its cause says why (ECONNREFUSED, ...).
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      enter('waiting', cause?.code ?? cause?.message ?? (error as Error).message);
    }
    await pause(RECONNECT_MS, signal);
  }
};
