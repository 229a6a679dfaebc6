import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { coldStartNode, type InitTarget, measureInit, pinnedCpu } from './measure-init.js';

// Linux only: the CPUs a process may run on, as /proc shows them ("1", "0-1").
const linux = platform() === 'linux';

describe.runIf(linux)('cold starts pinned to one CPU', () => {
  let dir: string;
  let target: InitTarget;
  let affinityFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'measure-init-'));
    affinityFile = join(dir, 'affinity.txt');
    const handlerFile = join(dir, 'handler.cjs');
    // A handler whose init writes down which CPUs its process may use.
    await writeFile(
      handlerFile,
      `const { appendFileSync, readFileSync } = require('node:fs');
const cpus = /Cpus_allowed_list:\\s*(\\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1];
appendFileSync(process.env.AFFINITY_FILE, cpus + (process.env.STARTED_BY ?? '') + '\\n');
exports.handler = async () => ({ statusCode: 200 });
`,
    );
    target = {
      id: 'affinity',
      handlerFile,
      exportName: 'handler',
      environment: { AFFINITY_FILE: affinityFile },
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const affinities = async () => (await readFile(affinityFile, 'utf8')).trim().split('\n');

  it('runs every process, warm-up included, on the given CPU', async () => {
    await rm(affinityFile, { force: true });

    const measured = await measureInit([target], 2, { cpu: 0, nodePath: process.execPath });

    expect(await affinities()).toEqual(['0', '0', '0']);
    expect(measured.get('affinity')?.initMs.n).toBe(2);
  });

  it('leaves every CPU to a process when not pinned', async () => {
    await rm(affinityFile, { force: true });

    await measureInit([target], 1, { cpu: undefined, nodePath: process.execPath });

    const all = availableParallelism() === 1 ? '0' : `0-${availableParallelism() - 1}`;
    expect(await affinities()).toEqual([all, all]);
  });

  it('starts each process with the given Node binary', async () => {
    await rm(affinityFile, { force: true });
    // A stand-in for another Node binary: it marks the processes it starts.
    const wrapper = join(dir, 'node-wrapper.sh');
    await writeFile(wrapper, `#!/bin/sh\nSTARTED_BY=" by the wrapper" exec "${process.execPath}" "$@"\n`, {
      mode: 0o755,
    });

    await measureInit([target], 1, { cpu: 0, nodePath: wrapper });

    expect(await affinities()).toEqual(['0 by the wrapper', '0 by the wrapper']);
  });

  it('pins to the last CPU by default, or to BENCH_CPU', () => {
    vi.stubEnv('BENCH_CPU', undefined);
    expect(pinnedCpu()).toBe(availableParallelism() - 1);
    vi.stubEnv('BENCH_CPU', '0');
    expect(pinnedCpu()).toBe(0);
    vi.unstubAllEnvs();
  });

  it('runs the cold starts with BENCH_NODE, or else with the Node running the bench', () => {
    vi.stubEnv('BENCH_NODE', undefined);
    expect(coldStartNode()).toEqual({ path: process.execPath, version: process.version });
    vi.stubEnv('BENCH_NODE', join(dir, 'no-such-node'));
    expect(() => coldStartNode()).toThrow('ENOENT');
    vi.unstubAllEnvs();
  });

  it('refuses a BENCH_CPU that is not a CPU number', () => {
    vi.stubEnv('BENCH_CPU', 'fast');
    expect(() => pinnedCpu()).toThrow('BENCH_CPU=fast: not a CPU number');
    vi.unstubAllEnvs();
  });
});
