import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much CPU other work on the machine took while a figure was measured, in cores. The load
 * average cannot tell: serverless-offline runs one thread per concurrent invocation, so the system
 * under test alone pushes it past 40 on this 2-core machine. Instead this compares the machine's
 * busy time (/proc/stat) with the busy time of the benchmark's own process tree (/proc/<pid>/stat,
 * exited children included through their parents' cutime/cstime). Linux only; elsewhere NaN.
 */
export interface NoiseReading {
  /** Average cores used by processes outside the benchmark's tree; under ~0.2 is a quiet run. */
  foreignCores: number;
  /** Average cores used by the benchmark and the system under test. */
  ownCores: number;
}

interface ProcessStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux Node supports

const readProcessStat = (pid: string): ProcessStat | undefined => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const numberAt = (index: number) => Number(fields[index] ?? 0);
    return {
      pid: Number(pid),
      ppid: numberAt(1),
      ticks: numberAt(11) + numberAt(12) + numberAt(13) + numberAt(14),
    };
  } catch {
    return undefined; // exited meanwhile
  }
};

/** Busy ticks of the whole machine and of the benchmark's process tree. */
const snapshot = (): { machineBusy: number; ownBusy: number; at: number } | undefined => {
  let cpuLine: string | undefined;
  try {
    cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  } catch {
    return undefined;
  }
  // cpu user nice system idle iowait irq softirq steal ...
  const [, user, nice, system, , , irq, softirq, steal] = (cpuLine ?? '').trim().split(/\s+/).map(Number);
  const machineBusy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, v) => sum + (v ?? 0), 0);
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => readProcessStat(pid) ?? []);
  const children = new Map<number, ProcessStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ownBusy = 0;
  const pending = stats.filter((stat) => stat.pid === process.pid);
  for (let stat = pending.pop(); stat !== undefined; stat = pending.pop()) {
    ownBusy += stat.ticks;
    pending.push(...(children.get(stat.pid) ?? []));
  }
  return { machineBusy, ownBusy, at: performance.now() };
};

/** Starts measuring; `read()` gives the averages since the start. */
export const startNoiseMeter = (): { read: () => NoiseReading } => {
  const start = snapshot();
  return {
    read: () => {
      const end = snapshot();
      if (start === undefined || end === undefined) return { foreignCores: Number.NaN, ownCores: Number.NaN };
      const seconds = (end.at - start.at) / 1000;
      const ownCores = (end.ownBusy - start.ownBusy) / TICKS_PER_SECOND / seconds;
      const machineCores = (end.machineBusy - start.machineBusy) / TICKS_PER_SECOND / seconds;
      return {
        foreignCores: Math.round(Math.max(0, machineCores - ownCores) * 100) / 100,
        ownCores: Math.round(ownCores * 100) / 100,
      };
    },
  };
};
