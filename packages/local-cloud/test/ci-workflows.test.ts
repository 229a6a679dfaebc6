import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// The GitHub workflows cannot run here; this reads them as GitHub does (YAML) and checks the
// commands they run and the settings those commands depend on. It lives in local-cloud because
// that project has no global setup (nothing boots for a file read) and already depends on `yaml`.
interface Step {
  name?: string;
  if?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, any>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowText = (name: string) =>
  readFileSync(new URL(`../../../.github/workflows/${name}`, import.meta.url), 'utf8');
const onlyJob = (workflow: Workflow): Job => {
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0] as Job;
};

/** Each shell command a job runs, with `$VAR`/`"$VAR"` replaced by the expression the env sets. */
const commandsOf = (workflow: Workflow, job: Job): string[] =>
  job.steps.flatMap((step) => {
    if (step.run === undefined) return [];
    const env = { ...workflow.env, ...job.env, ...step.env };
    return step.run
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) =>
        line.replace(/"?\$(\w+)"?/g, (whole, name: string) => (name in env ? String(env[name]) : whole)),
      );
  });

const stepUsing = (job: Job, action: string) => job.steps.find((step) => step.uses?.startsWith(`${action}@`));
const indexOfUse = (job: Job, action: string) =>
  job.steps.findIndex((step) => step.uses?.startsWith(`${action}@`));
const indexOfRun = (job: Job, command: string) =>
  job.steps.findIndex((step) => step.run?.split('\n').some((line) => line.trim() === command));

/** The pnpm store cached by a key of the lockfile, at the path `pnpm store path` printed. */
const expectPnpmStoreCache = (job: Job) => {
  const locate = job.steps.find((step) => step.run?.includes('pnpm store path'));
  expect(locate?.id).toBeDefined();
  const cache = stepUsing(job, 'actions/cache');
  expect(cache?.with?.path).toBe(`\${{ steps.${locate?.id}.outputs.path }}`);
  expect(String(cache?.with?.key)).toContain("hashFiles('pnpm-lock.yaml')");
  expect(indexOfUse(job, 'actions/cache')).toBeLessThan(indexOfRun(job, 'pnpm install --frozen-lockfile'));
};

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(workflowText('ci.yml')) as Workflow;
  const job = workflow.jobs.test as Job;

  it('has the test job and the mutation job, nothing else', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['mutation', 'test']);
  });

  it('runs on every push to main and every pull request, on Ubuntu', () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(job['runs-on']).toMatch(/^ubuntu-/);
  });

  it('installs exactly the lockfile, then runs pnpm test, with pnpm from corepack', () => {
    const commands = commandsOf(workflow, job);

    expect(commands).toEqual(
      expect.arrayContaining(['corepack enable', 'pnpm install --frozen-lockfile', 'pnpm test']),
    );
    expect(commands.indexOf('corepack enable')).toBeLessThan(
      commands.indexOf('pnpm install --frozen-lockfile'),
    );
    expect(commands.indexOf('pnpm install --frozen-lockfile')).toBeLessThan(commands.indexOf('pnpm test'));
    expect(commands.at(-1)).toBe('pnpm test');
  });

  it('tests on Node 22 and Java 17 (Temurin), set up before anything runs', () => {
    expect(String(stepUsing(job, 'actions/setup-node')?.with?.['node-version'])).toBe('22');
    expect(stepUsing(job, 'actions/setup-java')?.with).toEqual({
      distribution: 'temurin',
      'java-version': '17',
    });
    const firstCommand = job.steps.findIndex((step) => step.run !== undefined);
    expect(indexOfUse(job, 'actions/setup-node')).toBeLessThan(firstCommand);
    expect(indexOfUse(job, 'actions/setup-java')).toBeLessThan(indexOfRun(job, 'pnpm test'));
  });

  it('caches the pnpm store by the lockfile', () => {
    expectPnpmStoreCache(job);
  });
});

describe('.github/workflows/ci.yml mutation job', () => {
  const workflow = parse(workflowText('ci.yml')) as Workflow;
  const job = workflow.jobs.mutation as Job;

  it('runs pnpm mutate from the locked install, on Node 22 and Java 17 (DynamoDB Local)', () => {
    const commands = commandsOf(workflow, job);

    expect(commands).toEqual(expect.arrayContaining(['corepack enable', 'pnpm install --frozen-lockfile']));
    const mutate = commands.findIndex((command) => command.startsWith('pnpm mutate'));
    expect(mutate).toBeGreaterThan(commands.indexOf('pnpm install --frozen-lockfile'));
    expect(String(stepUsing(job, 'actions/setup-node')?.with?.['node-version'])).toBe('22');
    expect(stepUsing(job, 'actions/setup-java')?.with).toEqual({
      distribution: 'temurin',
      'java-version': '17',
    });
    expectPnpmStoreCache(job);
  });

  it('keeps the report and the updated results of every run, passed or failed', () => {
    const keep = stepUsing(job, 'actions/upload-artifact');

    expect(keep?.if).toBe('always()');
    expect(String(keep?.with?.path)).toBe('reports/mutation/');
  });

  it('starts each module from the results of the last run, restored before pnpm mutate', () => {
    const restore = job.steps.findIndex(
      (step) =>
        step.uses?.startsWith('actions/cache@') && step.with?.path === 'reports/mutation/*.incremental.json',
    );
    const mutate = job.steps.findIndex((step) => step.run?.startsWith('pnpm mutate'));

    expect(restore).toBeGreaterThan(-1);
    expect(restore).toBeLessThan(mutate);
  });
});

describe('.github/workflows/deploy.yml', () => {
  const text = workflowText('deploy.yml');
  const workflow = parse(text) as Workflow;
  const job = onlyJob(workflow);

  it('is started by hand with a required stage', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.on.workflow_dispatch.inputs.stage).toMatchObject({ required: true, type: 'string' });
  });

  it('gets AWS credentials through GitHub OIDC and a role, never from stored keys', () => {
    expect({ ...workflow.permissions, ...job.permissions }['id-token']).toBe('write');
    const credentials = stepUsing(job, 'aws-actions/configure-aws-credentials');
    expect(credentials?.with?.['role-to-assume']).toMatch(/^\$\{\{ (vars|secrets)\.\w+ \}\}$/);
    expect(credentials?.with?.['aws-region']).toBeDefined();
    expect(text).not.toMatch(
      /AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|aws-access-key-id|aws-secret-access-key/i,
    );
  });

  it('deploys the stage with compose from the locked install, then smoke-tests that stage', () => {
    const commands = commandsOf(workflow, job);
    const stageInput = `\${{ inputs.stage }}`;
    const deploy = `pnpm exec osls-compose deploy --stage ${stageInput}`;
    const smoke = `pnpm smoke --stage ${stageInput}`;

    expect(commands).toEqual(expect.arrayContaining(['pnpm install --frozen-lockfile', deploy, smoke]));
    expect(commands.indexOf('pnpm install --frozen-lockfile')).toBeLessThan(commands.indexOf(deploy));
    expect(commands.indexOf(deploy)).toBeLessThan(commands.indexOf(smoke));
    const credentialsAt = indexOfUse(job, 'aws-actions/configure-aws-credentials');
    expect(credentialsAt).toBeGreaterThan(indexOfRun(job, 'pnpm install --frozen-lockfile'));
    expect(credentialsAt).toBeLessThan(
      job.steps.findIndex((step) => step.run?.includes('osls-compose deploy')),
    );
  });

  it('uses Node 22 and the same pnpm store cache', () => {
    expect(String(stepUsing(job, 'actions/setup-node')?.with?.['node-version'])).toBe('22');
    expectPnpmStoreCache(job);
  });

  it('deploys with the stage’s CORS origins and alarm e-mail from the GitHub environment', () => {
    const deployStep = job.steps.find((step) => step.run?.includes('osls-compose deploy'));
    expect(deployStep?.env).toEqual({
      CORS_ALLOWED_ORIGINS: `\${{ vars.CORS_ALLOWED_ORIGINS }}`,
      ALARM_EMAIL: `\${{ vars.ALARM_EMAIL }}`,
    });
  });

  it('runs commands the repository root defines: compose with the root’s osls CLI, and pnpm smoke', () => {
    const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(root.devDependencies).toMatchObject({
      '@osls/compose': expect.any(String),
      serverless: expect.stringMatching(/^npm:osls@/),
    });
    expect(root.scripts.smoke).toBeDefined();
  });
});
