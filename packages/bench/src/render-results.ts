/**
 * Re-renders results/latest.md and latest.svg from results/latest.json, without measuring again:
 * for a change to the report's format. `node --import tsx src/render-results.ts`
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { writeResults } from './report/write-results.js';
import type { BenchResults } from './results.js';

const resultsDir = fileURLToPath(new URL('../results', import.meta.url));
const results = JSON.parse(await readFile(`${resultsDir}/latest.json`, 'utf8')) as BenchResults;
process.stdout.write(`${await writeResults(resultsDir, results)}\n`);
