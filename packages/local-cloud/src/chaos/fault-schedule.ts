import type { FaultConfig } from '../faults/fault-plan.js';

/** Operations that write to DynamoDB: an instance killed after one dies after its write. */
const DYNAMODB_WRITES = ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'];

/**
 * The run's faults for one endpoint: `rate` of all requests meet one, every mode mixed — errors
 * before forwarding, errors after forwarding (the work happened), latency, and now and then a
 * freeze of the whole endpoint (rare: each one holds every request for 0.5–4 s).
 */
export const mixedFaults = (rate: number): FaultConfig => ({
  rates: {
    errorBeforeForward: rate * 0.4,
    errorAfterForward: rate * 0.3,
    latency: rate * 0.28,
    freeze: rate * 0.02,
  },
});

/** DynamoDB's: the mix, plus `deathRate` of writes killing the function instance that made them. */
export const dynamoDbFaults = (rate: number, deathRate: number): FaultConfig => {
  const mixed = mixedFaults(rate);
  const withDeaths = { ...mixed.rates, instanceDeath: deathRate };
  return {
    ...mixed,
    operations: Object.fromEntries(DYNAMODB_WRITES.map((operation) => [operation, withDeaths])),
  };
};
