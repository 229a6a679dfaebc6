import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJsonFile } from './write-json.js';

const document = { openapi: '3.1.1', info: { title: 'things API' } };
const documentText = '{\n  "openapi": "3.1.1",\n  "info": {\n    "title": "things API"\n  }\n}\n';

describe('writeJsonFile', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-json-'));
    path = join(dir, 'openapi.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes a missing file, two-space indented with one trailing newline, and answers that it was not current', async () => {
    expect(await writeJsonFile(path, document)).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(documentText);
  });

  it('rewrites a stale file', async () => {
    await writeFile(path, '{"openapi":"3.1.1"}');

    expect(await writeJsonFile(path, document)).toBe(false);
    expect(await readFile(path, 'utf8')).toBe(documentText);
  });

  it('answers that a file is current, leaving it as it was', async () => {
    await writeFile(path, documentText);

    expect(await writeJsonFile(path, document)).toBe(true);
    expect(await writeJsonFile(path, document, { check: true })).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(documentText);
  });

  it('with `check`, only compares: a stale or missing file is reported and left alone', async () => {
    await writeFile(path, '{"openapi":"3.1.1"}');
    const missing = join(dir, 'missing.json');

    expect(await writeJsonFile(path, document, { check: true })).toBe(false);
    expect(await writeJsonFile(missing, document, { check: true })).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('{"openapi":"3.1.1"}');
    await expect(readFile(missing, 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
