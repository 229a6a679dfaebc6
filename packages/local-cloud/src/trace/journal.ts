/**
 * What happened to events inside the local cloud, as `pnpm events` shows it. The EventBridge
 * emulator and the queue consumers run in the `pnpm dev` process and publish here; the emulator
 * serves the journal to other processes (see `trace-stream.ts`).
 */
interface Happening {
  /** ISO time the happening was recorded. */
  at: string;
  /** The event's correlation id (`detail.correlationId`), when it has one. */
  correlationId?: string;
  /** The EventBridge event id, when the happening concerns an event. */
  eventId?: string;
}

/** PutEvents accepted an event on a bus. */
export interface EventPut extends Happening {
  kind: 'put';
  bus: string;
  source: string;
  detailType: string;
  matchedRules: number;
}

/** A rule's pattern matched an event put on its bus. */
export interface RuleMatched extends Happening {
  kind: 'matched';
  bus: string;
  rule: string;
  targets: number;
}

/** A target received the event (SQS accepted the message). */
export interface TargetDelivered extends Happening {
  kind: 'delivered';
  rule: string;
  targetArn: string;
  attempt: number;
  messageId?: string;
}

/** A delivery attempt failed and will be retried. */
export interface DeliveryRetrying extends Happening {
  kind: 'retrying';
  rule: string;
  targetArn: string;
  attempt: number;
  error: string;
  retryInMs: number;
}

/** The emulator gave up delivering to a target: the event went to the target's DLQ, or nowhere. */
export interface DeliveryAbandoned extends Happening {
  kind: 'undelivered';
  rule: string;
  targetArn: string;
  attempts: number;
  error: string;
  deadLetterArn?: string;
  /** Whether the event reached the DLQ (false when there is none or sending to it failed). */
  deadLettered: boolean;
}

/** The event source mapping handed a message to a function, and what became of it. */
export interface MessageConsumed extends Happening {
  kind: 'consumed';
  queue: string;
  functionName: string;
  messageId: string;
  receiveCount: number;
  succeeded: boolean;
  /** Why it failed: the invocation's error, or that the function reported it failed. */
  error?: string;
}

export type TraceEntry =
  | EventPut
  | RuleMatched
  | TargetDelivered
  | DeliveryRetrying
  | DeliveryAbandoned
  | MessageConsumed;

// Distributes over the union, so each kind keeps its own fields.
type WithoutTime<Entry> = Entry extends unknown ? Omit<Entry, 'at'> : never;

/** A TraceEntry without its time, which the journal adds. */
export type TraceRecord = WithoutTime<TraceEntry>;

export interface TraceJournal {
  /** Records a happening; cheap and synchronous, and never throws into the caller. */
  publish(record: TraceRecord): void;
  /** Calls `listener` for every happening from now on; returns the unsubscribe function. */
  subscribe(listener: (entry: TraceEntry) => void): () => void;
  /** Whether anyone listens: publishers skip work (parsing bodies) when nobody does. */
  readonly watched: boolean;
}

/**
 * An in-memory journal with live subscribers and no history: `pnpm events` follows what happens
 * while it runs, like `tail -f`.
 *
 * @example
 * const trace = createTraceJournal();
 * const stop = trace.subscribe((entry) => console.log(entry.kind));
 * trace.publish({ kind: 'matched', bus: 'b', rule: 'r', targets: 1 });
 */
export const createTraceJournal = (): TraceJournal => {
  const listeners = new Set<(entry: TraceEntry) => void>();
  return {
    publish(record) {
      if (listeners.size === 0) return;
      const entry = { at: new Date().toISOString(), ...record } as TraceEntry;
      for (const listener of listeners) {
        try {
          listener(entry);
        } catch {
          // A broken watcher must never break delivery or consumption.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get watched() {
      return listeners.size > 0;
    },
  };
};

/** The correlation id an EventBridge event carries in `detail.correlationId`, if any. */
export const correlationIdOf = (event: { detail?: unknown }): string | undefined => {
  const id = (event.detail as { correlationId?: unknown } | undefined)?.correlationId;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/** Event id and correlation id of a message body that is an EventBridge envelope, else neither. */
export const eventIdsOfBody = (body: string | undefined): { eventId?: string; correlationId?: string } => {
  try {
    const parsed: unknown = JSON.parse(body ?? '');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const { id } = parsed as { id?: unknown };
    const correlationId = correlationIdOf(parsed as { detail?: unknown });
    return {
      ...(typeof id === 'string' ? { eventId: id } : {}),
      ...(correlationId === undefined ? {} : { correlationId }),
    };
  } catch {
    return {};
  }
};
