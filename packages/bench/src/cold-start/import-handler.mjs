// Runs alone in a fresh Node process: loads one handler module the way Lambda's Node runtime does
// (require for CommonJS, import for ES modules) and reports how long that took, in ms, as JSON.
// Plain JavaScript, so no TypeScript loader is part of what is measured.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [file = '', exportName = 'handler'] = process.argv.slice(2);
const start = performance.now();
const loaded = file.endsWith('.cjs')
  ? createRequire(import.meta.url)(file)
  : await import(pathToFileURL(file).href);
const initMs = performance.now() - start;
if (typeof loaded[exportName] !== 'function') {
  process.stderr.write(`${file} exports no function named ${exportName}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify({ initMs }));
