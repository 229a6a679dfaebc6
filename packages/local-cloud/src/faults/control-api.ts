import type { IncomingMessage } from 'node:http';
import type { WireResponse } from './aws-faults.js';
import type { FaultConfig } from './fault-plan.js';
import type { RunningFaultProxy } from './fault-proxy.js';

/** No AWS JSON request uses this path (they all POST to `/`), so the proxy keeps it for itself. */
export const CONTROL_PATH = '/__faults';

const json = (status: number, payload: unknown): WireResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
});

const state = (proxy: RunningFaultProxy) => ({
  service: proxy.service,
  seed: proxy.seed,
  enabled: proxy.isEnabled(),
  config: proxy.config(),
  counts: proxy.counts(),
});

const parseJson = (body: Buffer): unknown => JSON.parse(body.toString('utf8') || '{}');

/**
 * The proxy's control API, for a chaos run in another process:
 * - `GET /__faults`: service, seed, enabled, configuration and counters;
 * - `POST /__faults/enable`, `/__faults/disable`, `/__faults/reset` (the counters);
 * - `POST /__faults/freeze` with `{"ms": 2000}`;
 * - `POST /__faults/seed` with `{"seed": 42}` (the draws start again from it);
 * - `PUT /__faults/config` with a FaultConfig (400 with the reason if it makes no sense).
 * Each answers with the state as `GET` does.
 */
export const handleControlRequest = (
  proxy: RunningFaultProxy,
  request: IncomingMessage,
  body: Buffer,
): WireResponse => {
  const path = new URL(request.url ?? '/', 'http://proxy').pathname;
  const route = `${request.method} ${path}`;
  try {
    switch (route) {
      case `GET ${CONTROL_PATH}`:
        break;
      case `POST ${CONTROL_PATH}/enable`:
        proxy.enable();
        break;
      case `POST ${CONTROL_PATH}/disable`:
        proxy.disable();
        break;
      case `POST ${CONTROL_PATH}/reset`:
        proxy.resetCounts();
        break;
      case `POST ${CONTROL_PATH}/freeze`:
        proxy.freeze(Number((parseJson(body) as { ms?: unknown }).ms));
        break;
      case `POST ${CONTROL_PATH}/seed`:
        proxy.reseed(Number((parseJson(body) as { seed?: unknown }).seed));
        break;
      case `PUT ${CONTROL_PATH}/config`:
        proxy.configure(parseJson(body) as FaultConfig);
        break;
      default:
        return json(404, { message: `No control route ${route}` });
    }
  } catch (error) {
    return json(400, { message: error instanceof Error ? error.message : String(error) });
  }
  return json(200, state(proxy));
};
