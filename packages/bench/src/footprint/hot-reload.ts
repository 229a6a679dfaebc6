import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { productIds } from '../shop/catalog.js';
import type { DevStack } from './dev-stack.js';
import { treeCpuSeconds } from './process-tree.js';

/** The handler the measurement edits: product's `GET /product/{id}`, public, so no token is needed. */
const EDITED_HANDLER = fileURLToPath(
  new URL('../../../../services/product/src/handlers/get-product.ts', import.meta.url),
);

export interface HotReloadResult {
  file: string;
  /** Save → the first answer from the edited code, per edit. */
  reloadMs: number[];
  /** CPU seconds the whole stack used for each of those reloads (rebuild and new worker). */
  cpuSeconds: number[];
}

/**
 * How long an edit takes to reach the running stack: appends a line that logs a unique marker when
 * the module loads, saves, then asks `GET /product/{id}` every 100 ms until an answer comes from a
 * worker that printed the marker (the rebuilt bundle, loaded by a fresh worker). The file is put
 * back afterwards, also if the benchmark is interrupted.
 */
export const measureHotReload = async (
  stack: DevStack,
  { edits = 2, timeoutMs = 60_000 } = {},
): Promise<HotReloadResult> => {
  const original = readFileSync(EDITED_HANDLER, 'utf8');
  // Only an edited file is written back: a save alone makes the stack rebuild.
  const restore = () => {
    if (readFileSync(EDITED_HANDLER, 'utf8') !== original) writeFileSync(EDITED_HANDLER, original);
  };
  const restoreAndExit = () => {
    restore();
    process.exit(130);
  };
  process.once('exit', restore);
  process.once('SIGINT', restoreAndExit);
  process.once('SIGTERM', restoreAndExit);
  const url = `${stack.services.product}/product/${productIds[0]}`;
  const reloadMs: number[] = [];
  const cpuSeconds: number[] = [];
  try {
    for (let edit = 0; edit < edits; edit++) {
      const marker = `hot-reload-probe-${randomUUID()}`;
      const fromLine = stack.lineCount();
      const savedAt = performance.now();
      const cpuAtSave = treeCpuSeconds(stack.pid);
      writeFileSync(EDITED_HANDLER, `${original}\nconsole.log('${marker}');\n`);
      for (;;) {
        if (performance.now() - savedAt > timeoutMs) {
          throw new Error(`the edited handler did not answer within ${timeoutMs} ms`);
        }
        const response = await fetch(url).catch(() => undefined);
        await response?.arrayBuffer();
        if (response?.status === 200 && stack.linesSince(fromLine).some((line) => line.includes(marker))) {
          reloadMs.push(performance.now() - savedAt);
          cpuSeconds.push(treeCpuSeconds(stack.pid) - cpuAtSave);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    restore();
    process.off('exit', restore);
    process.off('SIGINT', restoreAndExit);
    process.off('SIGTERM', restoreAndExit);
  }
  return { file: 'services/product/src/handlers/get-product.ts', reloadMs, cpuSeconds };
};
