import { execFileSync } from 'node:child_process';
import { ReadableStream as RealReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ReadableStream } from './lazy-stream-web.js';

const chunksOf = async (stream: RealReadableStream<string>): Promise<string[]> => {
  const chunks: string[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
};

describe('ReadableStream without loading node:stream/web up front', () => {
  it('recognises real streams with instanceof, and nothing else', () => {
    expect(new RealReadableStream() instanceof ReadableStream).toBe(true);
    expect({} instanceof ReadableStream).toBe(false);
    expect((Symbol() as unknown) instanceof ReadableStream).toBe(false);
  });

  it('makes real streams with new and with its static methods', async () => {
    const made = new ReadableStream({
      start: (controller) => {
        controller.enqueue('a');
        controller.close();
      },
    });
    expect(made).toBeInstanceOf(RealReadableStream);
    expect(await chunksOf(made)).toEqual(['a']);
    expect(await chunksOf(ReadableStream.from(['b', 'c']))).toEqual(['b', 'c']);
  });

  it('loads node:stream/web only when the class is first used', () => {
    // A fresh process: the test runner itself has loaded the module long ago.
    const script = `
      const { ReadableStream } = require(${JSON.stringify(fileURLToPath(new URL('./lazy-stream-web.ts', import.meta.url)))});
      const loaded = () => process.moduleLoadList.includes('NativeModule internal/webstreams/readablestream');
      const before = loaded();
      new ReadableStream();
      console.log(JSON.stringify([before, loaded()]));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual([false, true]);
  });
});
