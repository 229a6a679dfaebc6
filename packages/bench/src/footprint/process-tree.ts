import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * What each process the local cloud starts is, told from its command line. The issue that set
 * the footprint targets (18) counts memory by these kinds.
 */
export const PROCESS_KINDS = [
  'orchestrator',
  'serverless-offline',
  'esbuild',
  'dynamodb-local',
  'serverless-cli',
  'other',
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

export interface ProcessSample {
  pid: number;
  ppid: number;
  kind: ProcessKind;
  /** Resident set size (VmRSS): what the targets sum. Shared pages count in every process. */
  rssBytes: number;
  /** Threads of the process: serverless-offline runs one worker thread per warm function instance. */
  threads: number;
  /** CPU seconds it has used so far, its exited children included. */
  cpuSeconds: number;
  command: string;
}

/**
 * The kind of a process from its argv. The root of the tree is the orchestrator (`pnpm dev`'s
 * node process); `serverless offline` serves one service; `serverless print` runs briefly at start.
 */
export const classifyProcess = (argv: readonly string[], isRoot: boolean): ProcessKind => {
  if (isRoot) return 'orchestrator';
  const [program = '', ...args] = argv;
  if (/(^|\/)java$/.test(program)) return 'dynamodb-local';
  if (/(^|\/)esbuild$/.test(program) || args.some((arg) => arg.startsWith('--service='))) return 'esbuild';
  const cliAt = args.findIndex((arg) => /serverless\.js$|(^|\/)(sls|serverless|osls)$/.test(arg));
  if (cliAt >= 0) return args[cliAt + 1] === 'offline' ? 'serverless-offline' : 'serverless-cli';
  return 'other';
};

const readText = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process exited meanwhile
  }
};

const statusField = (status: string, field: string): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status);
  return Number(match?.[1] ?? 0);
};

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
const statFields = (pid: string | number): string[] | undefined => {
  const stat = readText(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
};

const parentOf = (pid: string): number | undefined => {
  const fields = statFields(pid);
  return fields === undefined ? undefined : Number(fields[1]);
};

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux Node supports

/**
 * CPU seconds the tree under `rootPid` has used so far: each live process's own time plus what its
 * children that already exited used (cutime/cstime), so a short-lived helper still counts. On a
 * busy machine this, unlike wall-clock time, does not depend on what else runs.
 */
export const treeCpuSeconds = (rootPid: number): number =>
  processTree(rootPid).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);

/** utime + stime + cutime + cstime of one process. */
const cpuSecondsOf = (pid: number): number => {
  const fields = statFields(pid) ?? [];
  return [11, 12, 13, 14].reduce((total, index) => total + Number(fields[index] ?? 0), 0) / TICKS_PER_SECOND;
};

/** Every live descendant of `rootPid` (itself included), from /proc. Linux only. */
export const processTree = (rootPid: number): number[] => {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(entry);
    if (ppid !== undefined) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    tree.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return tree;
};

/** RSS, threads and kind of every process under `rootPid` right now. */
export const sampleProcessTree = (rootPid: number): ProcessSample[] =>
  processTree(rootPid).flatMap((pid): ProcessSample[] => {
    const status = readText(`/proc/${pid}/status`);
    const cmdline = readText(`/proc/${pid}/cmdline`);
    if (status === undefined || cmdline === undefined) return [];
    const argv = cmdline.split('\0').filter((arg) => arg !== '');
    return [
      {
        pid,
        ppid: parentOf(String(pid)) ?? 0,
        kind: classifyProcess(argv, pid === rootPid),
        rssBytes: statusField(status, 'VmRSS') * 1024,
        threads: statusField(status, 'Threads'),
        cpuSeconds: cpuSecondsOf(pid),
        // Paths relative to the repository (results are committed), the pnpm store folder elided.
        command: argv
          .join(' ')
          .replaceAll(repoRoot, '')
          .replace(/node_modules\/\.pnpm\/[^/]+\/node_modules\//g, 'node_modules/…/')
          .slice(0, 160),
      },
    ];
  });

/** Summed RSS and process count per kind. */
export type KindTotals = Record<ProcessKind, { rssBytes: number; processes: number; threads: number }>;

export const totalsByKind = (samples: readonly ProcessSample[]): KindTotals => {
  const totals = Object.fromEntries(
    PROCESS_KINDS.map((kind) => [kind, { rssBytes: 0, processes: 0, threads: 0 }]),
  ) as KindTotals;
  for (const sample of samples) {
    const total = totals[sample.kind];
    total.rssBytes += sample.rssBytes;
    total.processes += 1;
    total.threads += sample.threads;
  }
  return totals;
};

export const totalRss = (samples: readonly ProcessSample[]): number =>
  samples.reduce((sum, sample) => sum + sample.rssBytes, 0);
