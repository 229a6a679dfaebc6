import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The class folder of `DynamoDbLocalOnLoopback.java`, compiled once per machine (per version of
 * the source) into the OS temp folder. Launching the `.java` file directly makes every start run
 * javac inside DynamoDB Local's JVM: ~5 s of CPU and ~70 MiB it keeps. Undefined when javac is not
 * there or fails; the caller then launches the source file as before.
 */
export const compiledLauncher = (source: string, classPath: string): string | undefined => {
  const hash = createHash('sha256').update(readFileSync(source)).digest('hex').slice(0, 16);
  const root = join(tmpdir(), 'eshop-local-cloud');
  const classes = join(root, `dynamodb-launcher-${hash}`);
  if (existsSync(join(classes, 'DynamoDbLocalOnLoopback.class'))) return classes;
  mkdirSync(root, { recursive: true });
  // Compile elsewhere and rename: test runs starting side by side never see a half-written class.
  const scratch = mkdtempSync(join(root, 'compiling-'));
  try {
    const javac = spawnSync('javac', ['-cp', classPath, '-d', scratch, source], { encoding: 'utf8' });
    if (javac.status !== 0) return undefined;
    try {
      renameSync(scratch, classes);
    } catch {
      // Another start compiled it first: theirs is the same class.
    }
    return existsSync(join(classes, 'DynamoDbLocalOnLoopback.class')) ? classes : undefined;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
