import type { AwsFault } from './aws-faults.js';
import { pick, type Random, randomInt } from './random.js';

/** Shares of requests (0–1, summing to at most 1) that meet each kind of trouble. */
export interface FaultRates {
  /** Answered with an AWS error; the request never reaches the emulator. */
  errorBeforeForward?: number;
  /** Forwarded (the work happens), then answered with an AWS error: the dangerous one. */
  errorAfterForward?: number;
  /** Delayed by `latencyMs` before being forwarded. */
  latency?: number;
  /** Start a freeze: the endpoint holds every request and answer for `freezeMs`. */
  freeze?: number;
  /**
   * Forwarded (the work happens), then the answer is marked so that the function instance that
   * receives it dies before it can use it (see src/chaos/instance-death.ts).
   */
  instanceDeath?: number;
}

/** A fixed duration in ms, or a [min, max] range drawn from per request. */
export type DurationMs = number | readonly [number, number];

/** What the proxy does to requests; everything is optional and off until enabled. */
export interface FaultConfig {
  /** Rates for every operation. */
  rates?: FaultRates;
  /** Rates for one operation (`PutItem`, `PutEvents`, `SendMessage`…), replacing `rates` for it. */
  operations?: Record<string, FaultRates>;
  /** The AWS errors to draw from, by name; default every one the service has. */
  errors?: readonly string[];
  /** Default [50, 500]. */
  latencyMs?: DurationMs;
  /** Default [500, 4000], the freezes the probe used. */
  freezeMs?: DurationMs;
}

/** What happens to one request. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'errorBeforeForward' | 'errorAfterForward'; fault: AwsFault }
  | { kind: 'latency'; ms: number }
  | { kind: 'freeze'; ms: number }
  | { kind: 'instanceDeath' };

// New kinds go last: a rate of 0 then leaves every earlier draw of a seed as it was.
const RATE_NAMES = ['errorBeforeForward', 'errorAfterForward', 'latency', 'freeze', 'instanceDeath'] as const;
const DEFAULT_LATENCY_MS: DurationMs = [50, 500];
const DEFAULT_FREEZE_MS: DurationMs = [500, 4000];

const checkRates = (rates: FaultRates, where: string): void => {
  let sum = 0;
  for (const name of RATE_NAMES) {
    const rate = rates[name] ?? 0;
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${where}.${name} must be from 0 to 1, got ${rate}`);
    sum += rate;
  }
  if (sum > 1) throw new RangeError(`${where}: the rates add up to ${sum}, more than 1`);
};

const checkDuration = (duration: DurationMs | undefined, where: string): void => {
  if (duration === undefined) return;
  const [min, max] = typeof duration === 'number' ? [duration, duration] : duration;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= min)) {
    throw new RangeError(`${where} must be whole ms, min <= max, got ${JSON.stringify(duration)}`);
  }
};

/** Throws a RangeError naming the first setting that makes no sense. */
export const validateFaultConfig = (config: FaultConfig, knownErrors: readonly string[]): void => {
  checkRates(config.rates ?? {}, 'rates');
  for (const [operation, rates] of Object.entries(config.operations ?? {})) {
    checkRates(rates, `operations.${operation}`);
  }
  for (const name of config.errors ?? []) {
    if (!knownErrors.includes(name)) {
      throw new RangeError(`Unknown error ${name}; this service injects ${knownErrors.join(', ')}`);
    }
  }
  checkDuration(config.latencyMs, 'latencyMs');
  checkDuration(config.freezeMs, 'freezeMs');
};

const drawMs = (random: Random, duration: DurationMs): number =>
  typeof duration === 'number' ? duration : randomInt(random, duration[0], duration[1]);

/**
 * Draws what happens to one request. The draws come from `random` in a fixed order, so the same
 * seed and the same sequence of requests give the same faults.
 */
export const decideFault = (
  config: FaultConfig,
  faults: readonly AwsFault[],
  operation: string,
  random: Random,
): FaultDecision => {
  const rates = config.operations?.[operation] ?? config.rates ?? {};
  const roll = random();
  let threshold = 0;
  for (const kind of RATE_NAMES) {
    threshold += rates[kind] ?? 0;
    if (roll >= threshold) continue;
    if (kind === 'latency') return { kind, ms: drawMs(random, config.latencyMs ?? DEFAULT_LATENCY_MS) };
    if (kind === 'freeze') return { kind, ms: drawMs(random, config.freezeMs ?? DEFAULT_FREEZE_MS) };
    if (kind === 'instanceDeath') return { kind };
    const candidates = faults.filter(
      (fault) =>
        (config.errors === undefined || config.errors.includes(fault.name)) &&
        fault.appliesTo(operation) &&
        (kind === 'errorBeforeForward' || fault.after !== undefined),
    );
    const fault = pick(random, candidates);
    return fault === undefined ? { kind: 'none' } : { kind, fault };
  }
  return { kind: 'none' };
};
