/**
 * Raised for a pattern EventBridge would reject; `message` is exactly what EventBridge returns. One
 * exception, whose reason says so: a pattern past a limit of the emulator's own (pattern-tree.ts).
 */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  /** The part after "Reason: ", as event-ruler words it. */
  readonly reason: string;

  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.reason = reason;
  }
}

export function rejectPattern(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
