import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChaosReport } from './run-chaos.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report as a readable page: setup, outcomes, faults by kind, and every invariant. */
export const renderChaosMarkdown = (
  report: ChaosReport,
  context: { date: string; machine: string },
): string => {
  const faultRows = Object.entries(report.faults).flatMap(([service, counts]) =>
    Object.entries(counts.faults)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, count]) => `| ${service} | ${kind} | ${count} |`),
  );
  const requests = Object.entries(report.faults)
    .map(([service, counts]) => `${service} ${counts.requests} (${counts.sdkRetries} SDK retries)`)
    .join(', ');
  return [
    `# Chaos run: ${report.passed ? 'passed' : 'FAILED'}`,
    '',
    `${context.date}, ${context.machine}. Seed **${report.seed}**: ${report.checkouts} checkouts from ${report.shoppers} shoppers at concurrency ${report.concurrency}; ${report.faultRate * 100}% faults on every endpoint, ${report.deathRate * 100}% of DynamoDB writes kill their function instance.`,
    '',
    '| figure | value |',
    '| --- | --- |',
    `| checkouts answered 2xx | ${report.outcomes.accepted} |`,
    `| given up by the client (then checked) | ${report.outcomes.gaveUp} (of which completed later with their key: ${report.outcomes.resumed}) |`,
    `| not attempted (shopper stopped) | ${report.outcomes.skipped} |`,
    `| client requests / retries / timeouts | ${report.client.requests} / ${report.client.retries} / ${report.client.timeouts} |`,
    `| answers by status | ${Object.entries(report.client.byStatus)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ')} |`,
    `| instance deaths ordered / 500s seen | ${report.instanceDeaths} / ${report.client.internalErrors} |`,
    `| AWS requests through the proxies | ${requests} |`,
    `| dead letters (redriven) | ${report.deadLetters} |`,
    `| load / drain / redrive / total | ${seconds(report.durationsMs.load)} / ${seconds(report.durationsMs.drain)} / ${seconds(report.durationsMs.redrive)} / ${seconds(report.durationsMs.total)} |`,
    '',
    '## Faults injected',
    '',
    '| endpoint | kind | count |',
    '| --- | --- | --- |',
    ...faultRows,
    '',
    '## Invariants',
    '',
    '| invariant | checked on | holds |',
    '| --- | --- | --- |',
    ...report.invariants.map(
      (invariant) =>
        `| ${invariant.name} | ${invariant.checked} | ${invariant.holds ? 'yes' : `**no**: ${invariant.offenders.slice(0, 10).join(', ')}`} |`,
    ),
    '',
  ].join('\n');
};

/** Writes `chaos.json` and `chaos.md` (one section per run) into `dir`. */
export const writeChaosReport = async (
  dir: string,
  reports: readonly ChaosReport[],
  context: { date: string; machine: string },
): Promise<void> => {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'chaos.json'), `${JSON.stringify({ ...context, runs: reports }, null, 2)}\n`);
  await writeFile(
    join(dir, 'chaos.md'),
    reports
      .map((report) => renderChaosMarkdown(report, context).replace(/^# /, '## ').replace(/\n## /g, '\n### '))
      .join('\n'),
  );
};
