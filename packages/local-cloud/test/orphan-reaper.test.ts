import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const parentScript = fileURLToPath(new URL('./fixtures/process-parent/start-helper.ts', import.meta.url));

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const helperOfParent = async () => {
  const parent = spawn(process.execPath, ['--import', 'tsx', parentScript], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = (await once(parent.stdout, 'data')) as [Buffer];
  const helper = Number(chunk.toString().trim());
  expect(isAlive(helper)).toBe(true);
  return { parent, helper };
};

const stopsWithin = async (pid: number, ms: number) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};

describe('a helper process the local cloud started', () => {
  it.each(['SIGKILL', 'SIGTERM', 'SIGINT'] as const)(
    'stops when the process that started it is killed with %s',
    async (signal) => {
      const { parent, helper } = await helperOfParent();
      parent.kill(signal);
      await once(parent, 'exit');

      const stopped = await stopsWithin(helper, 10_000);
      if (!stopped) process.kill(helper, 'SIGKILL');
      expect(stopped).toBe(true);
    },
    30_000,
  );
});
