import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}

export const describeMachine = (): MachineInfo => ({
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: new Date().toISOString(),
});

/**
 * How busy the machine is besides us: the 1-minute load average and free memory. Taken before
 * each phase, so a figure measured while someone else ran a test suite can be recognised.
 */
export const machineLoad = () => ({
  loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  freeMemoryGiB: Math.round((freemem() / 1024 ** 3) * 10) / 10,
});
