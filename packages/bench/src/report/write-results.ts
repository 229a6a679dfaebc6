import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchResults } from '../results.js';
import { renderMarkdown } from './markdown.js';
import { renderSvg } from './svg.js';

const run = promisify(execFile);

/**
 * The results are committed, and `pnpm test` runs `biome check .` over the repository: format the
 * JSON and the Markdown the way Biome does (short arrays on one line, aligned table columns), so a
 * fresh run never fails lint.
 */
const formatWithBiome = async (files: string[]): Promise<void> => {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  await run(process.execPath, [biome, 'format', '--write', ...files]);
};

/** Writes latest.json, latest.md and latest.svg; returns the Markdown, to print. */
export const writeResults = async (resultsDir: string, results: BenchResults): Promise<string> => {
  await mkdir(resultsDir, { recursive: true });
  const jsonFile = join(resultsDir, 'latest.json');
  const markdownFile = join(resultsDir, 'latest.md');
  await Promise.all([
    writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`),
    writeFile(markdownFile, renderMarkdown(results)),
    writeFile(join(resultsDir, 'latest.svg'), renderSvg(results)),
  ]);
  await formatWithBiome([jsonFile, markdownFile]);
  return readFile(markdownFile, 'utf8');
};
