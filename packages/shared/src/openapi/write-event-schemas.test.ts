import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const schema = { $id: 'https://schemas.eshop.example/events/thing-done.json', type: 'object' };

describe('`pnpm openapi` in packages/shared (write-event-schemas)', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'write-event-schemas-'));
    path = join(dir, 'thing-done.schema.json');
    // The script writes beside each event's contract: pointed at a temp dir instead, so a run never
    // touches the committed schemas.
    vi.doMock('./event-schemas.js', () => ({ eventSchemaFiles: () => [{ path, schema }] }));
  });
  afterEach(async () => {
    vi.doUnmock('./event-schemas.js');
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  // The script does its work when imported, as `node` runs it.
  const runScript = async () => {
    vi.resetModules();
    await import('./write-event-schemas.js');
  };

  it('writes each event’s schema, then finds it current, saying so for each file', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});

    await runScript();
    const written = await readFile(path, 'utf8');
    await runScript();

    expect(JSON.parse(written)).toEqual(schema);
    expect(info.mock.calls).toEqual([[`written: ${path}`], [`current: ${path}`]]);
  });
});
