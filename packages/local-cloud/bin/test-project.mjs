#!/usr/bin/env node
// A workspace's `pnpm test`: `vitest run` on the workspace's own vitest project, passing flags on.
// `pnpm test -- --watch` hands the script a literal `--`, after which vitest would ignore every
// flag; dropping it makes `-- --watch` and `--watch` both start watch mode.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const vitest = createRequire(import.meta.url).resolve('vitest/vitest.mjs');
const child = spawn(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
