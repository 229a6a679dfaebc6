import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { forgetGroup, reapIfOrphaned } from './orphan-reaper.js';

export interface ManagedProcess {
  child: ChildProcess;
  /** The last lines the process wrote, for error messages when it fails to start. */
  recentOutput: () => string;
  /** Stops the process (and its own children): SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
}

const MAX_LINES = 40;
const running = new Set<ChildProcess>();

// If our process exits normally, take the children with us at once: no orphans holding ports.
// Any other end (a signal, SIGKILL) is the reaper's job (orphan-reaper.ts).
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

const killGroup = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Negative pid: the whole process group (the child was spawned detached as its leader).
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
};

/**
 * Spawns a long-running helper process in its own process group, keeps its recent output, and
 * optionally forwards each line to `onLine` (for prefixed logs in `pnpm dev`).
 */
export const startProcess = (
  command: string,
  args: string[],
  options: SpawnOptions & { onLine?: (line: string) => void } = {},
): ManagedProcess => {
  const { onLine, ...spawnOptions } = options;
  const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const { pid } = child;
  if (pid !== undefined) reapIfOrphaned(pid);
  const ended = () => {
    running.delete(child);
    if (pid !== undefined) forgetGroup(pid);
  };
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      ended();
      resolve();
    });
    child.once('error', () => {
      ended();
      resolve();
    });
  });

  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > MAX_LINES) lines.shift();
      onLine?.(line);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return {
    child,
    recentOutput: () => lines.join('\n'),
    stop: async (graceMs = 5000) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
};

/** Polls `probe` until it resolves true, the process dies, or `timeoutMs` passes. */
export const waitUntilReady = async (
  name: string,
  managed: ManagedProcess,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  let spawnError: Error | undefined;
  managed.child.once('error', (error) => {
    spawnError = error;
  });
  while (Date.now() < deadline) {
    if (spawnError !== undefined) throw new Error(`${name} could not start: ${spawnError.message}`);
    if (managed.child.exitCode !== null || managed.child.signalCode !== null) {
      throw new Error(`${name} exited during startup. Its last output:\n${managed.recentOutput()}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await managed.stop();
  throw new Error(`${name} was not ready after ${timeoutMs} ms. Its last output:\n${managed.recentOutput()}`);
};
