import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '@eshop/local-cloud';
import { type NoiseReading, startNoiseMeter } from '../noise.js';
import { treeCpuSeconds } from './process-tree.js';

/** `pnpm dev` as a user runs it, on free ports, watched from outside. */
export interface DevStack {
  /** The orchestrator's pid: the root of every process the stack starts. */
  pid: number;
  /** Spawn → the ready banner, seen from outside (Node and tsx start included). */
  readyMs: number;
  /** What the banner itself says ("ready in N s"), measured inside the orchestrator. */
  reportedReadySeconds: number;
  /** CPU seconds every process of the stack used until the banner: the start's cost, noise-free. */
  cpuSecondsToReady: number;
  /** CPU other work on the machine used while the stack started. */
  startupNoise: NoiseReading;
  services: Record<string, string>;
  issuer: string;
  dynamodb: string;
  /** Lines the stack has printed since `fromLine` (ANSI colours removed). */
  linesSince: (fromLine: number) => string[];
  lineCount: () => number;
  stop: () => Promise<void>;
}

const localCloudDir = fileURLToPath(new URL('../../../local-cloud/', import.meta.url));

/** The local-cloud package's `dev` script (what `pnpm dev` runs there): `node <args>`. */
const devCommand = (): string[] => {
  const { scripts } = JSON.parse(readFileSync(join(localCloudDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = (scripts.dev ?? '').trim().split(/\s+/);
  if (program !== 'node') throw new Error(`expected the dev script to run node, found: ${scripts.dev}`);
  return args;
};
const SERVICES = ['product', 'basket', 'ordering'] as const;

const freePortEnvironment = async (): Promise<Record<string, string>> => {
  const env: Record<string, string> = {};
  for (const variable of ['DYNAMODB_PORT', 'SQS_PORT', 'EVENTBRIDGE_PORT', 'AUTH_PORT']) {
    env[variable] = String(await freePort());
  }
  for (const service of SERVICES) {
    const name = service.toUpperCase();
    env[`${name}_PORT`] = String(await freePort());
    env[`${name}_LAMBDA_PORT`] = String(await freePort());
  }
  return env;
};

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
};

/**
 * Starts `packages/local-cloud`'s `dev` script (what `pnpm dev` runs, without pnpm's own
 * processes) on free ports and resolves at its ready banner. It runs in a process group of its
 * own, so `stop` (SIGINT, as Ctrl-C) and a crash of the benchmark both take all of it down.
 */
export const startDevStack = async (timeoutMs = 180_000): Promise<DevStack> => {
  const env = await freePortEnvironment();
  const meter = startNoiseMeter();
  const started = performance.now();
  const child = spawn(process.execPath, devCommand(), {
    cwd: localCloudDir,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exitWithUs = () => killGroup(child, 'SIGKILL');
  process.once('exit', exitWithUs);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const ready = new Promise<{ readyMs: number; seconds: number; cpuSeconds: number; noise: NoiseReading }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`pnpm dev was not ready in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onLine = (raw: string) => {
        const line = stripVTControlCharacters(raw);
        lines.push(line);
        const banner = /ready in ([\d.]+) s/.exec(line);
        if (banner !== null) {
          clearTimeout(timer);
          resolve({
            readyMs: performance.now() - started,
            seconds: Number(banner[1]),
            cpuSeconds: treeCpuSeconds(child.pid ?? 0),
            noise: meter.read(),
          });
        }
      };
      createInterface({ input: child.stdout }).on('line', onLine);
      createInterface({ input: child.stderr }).on('line', onLine);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`pnpm dev exited before it was ready:\n${lines.slice(-30).join('\n')}`));
      });
    },
  );
  const stop = async () => {
    killGroup(child, 'SIGINT');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    // Anything the orchestrator left behind in its group.
    killGroup(child, 'SIGKILL');
    process.off('exit', exitWithUs);
  };
  try {
    const { readyMs, seconds, cpuSeconds, noise } = await ready;
    const url = (variable: string) => `http://127.0.0.1:${env[variable]}`;
    return {
      pid: child.pid ?? 0,
      readyMs,
      reportedReadySeconds: seconds,
      cpuSecondsToReady: cpuSeconds,
      startupNoise: noise,
      services: Object.fromEntries(SERVICES.map((name) => [name, url(`${name.toUpperCase()}_PORT`)])),
      issuer: url('AUTH_PORT'),
      dynamodb: url('DYNAMODB_PORT'),
      linesSince: (fromLine) => lines.slice(fromLine),
      lineCount: () => lines.length,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
};
