/** Counts for one operation, or for all of them. */
export interface OperationCounts {
  /** AWS requests seen (every attempt the SDK made). */
  requests: number;
  /** Requests the SDK marked as a retry (`amz-sdk-request: attempt=2` or later). */
  sdkRetries: number;
  /**
   * Faults injected, by kind: `errorBeforeForward:<AwsError>`, `errorAfterForward:<AwsError>`,
   * `latency`, `freeze` (a freeze started) and `heldByFreeze` (a request or answer held by one).
   */
  faults: Record<string, number>;
}

export interface FaultCounts extends OperationCounts {
  byOperation: Record<string, OperationCounts>;
}

const emptyCounts = (): OperationCounts => ({ requests: 0, sdkRetries: 0, faults: {} });

/** The SDK numbers its attempts in `amz-sdk-request: attempt=N; max=M`. */
export const isSdkRetry = (header: string | string[] | undefined): boolean => {
  const attempt = /attempt=(\d+)/.exec(String(header ?? ''))?.[1];
  return attempt !== undefined && Number(attempt) > 1;
};

/** Every request and injected fault, in total and per operation. */
export const createFaultCounter = () => {
  let total = emptyCounts();
  let byOperation = new Map<string, OperationCounts>();

  const forOperation = (operation: string): OperationCounts => {
    let counts = byOperation.get(operation);
    if (counts === undefined) {
      counts = emptyCounts();
      byOperation.set(operation, counts);
    }
    return counts;
  };

  return {
    request(operation: string, sdkRetry: boolean): void {
      for (const counts of [total, forOperation(operation)]) {
        counts.requests += 1;
        if (sdkRetry) counts.sdkRetries += 1;
      }
    },
    fault(operation: string, kind: string): void {
      for (const counts of [total, forOperation(operation)]) {
        counts.faults[kind] = (counts.faults[kind] ?? 0) + 1;
      }
    },
    snapshot(): FaultCounts {
      const copy = (counts: OperationCounts): OperationCounts => ({
        ...counts,
        faults: { ...counts.faults },
      });
      return {
        ...copy(total),
        byOperation: Object.fromEntries(
          [...byOperation].map(([operation, counts]) => [operation, copy(counts)]),
        ),
      };
    },
    reset(): void {
      total = emptyCounts();
      byOperation = new Map();
    },
  };
};
