// `pnpm openapi` (in packages/shared): regenerates the committed JSON Schemas of the events.
import { eventSchemaFiles } from './event-schemas.js';
import { writeJsonFile } from './write-json.js';

for (const { path, schema } of eventSchemaFiles()) {
  const current = await writeJsonFile(path, schema);
  console.info(`${current ? 'current' : 'written'}: ${path}`);
}
