import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The reaper: a small detached process that kills the process groups we started once we are gone.
 * It learns each group on its stdin (`+pid` / `-pid`) and acts when that pipe closes, which happens
 * however this process ends: Ctrl-C (the helpers run in their own groups, so the terminal's SIGINT
 * never reaches them), SIGTERM from a CI runner or Stryker, SIGKILL, or a crash. Without it, a test
 * run stopped that way left DynamoDB Local running.
 */
const REAPER_SCRIPT = `
const groups = new Set();
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  const lines = (pending + chunk).split('\\n');
  pending = lines.pop();
  for (const line of lines) {
    const pid = Number(line.slice(1));
    if (line[0] === '+') groups.add(pid); else groups.delete(pid);
  }
});
const signal = (name) => { for (const pid of groups) { try { process.kill(-pid, name); } catch {} } };
process.stdin.on('end', () => {
  if (groups.size === 0) process.exit(0);
  signal('SIGTERM');
  setTimeout(() => { signal('SIGKILL'); process.exit(0); }, 2000);
});
`;

let reaper: ChildProcess | undefined;

const reaperStdin = () => {
  if (reaper === undefined) {
    reaper = spawn(process.execPath, ['-e', REAPER_SCRIPT], {
      detached: true,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // Neither the reaper nor its pipe may keep this process alive.
    reaper.unref();
    reaper.stdin?.on('error', () => {});
    (reaper.stdin as { unref?: () => void } | null)?.unref?.();
  }
  return reaper.stdin;
};

/** Has the reaper kill process group `pid` if this process ends before the group does. */
export const reapIfOrphaned = (pid: number): void => {
  reaperStdin()?.write(`+${pid}\n`);
};

/** The group `pid` ended (or was stopped by us): nothing left to reap. */
export const forgetGroup = (pid: number): void => {
  reaper?.stdin?.write(`-${pid}\n`);
};
