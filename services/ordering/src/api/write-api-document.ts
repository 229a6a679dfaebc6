// `pnpm openapi`: regenerates the committed openapi.json of this service.
import { fileURLToPath } from 'node:url';
import { writeJsonFile } from '@eshop/shared/openapi';
import { orderingApiDocument } from './api-description.js';

const path = fileURLToPath(new URL('../../openapi.json', import.meta.url));
console.info(`${(await writeJsonFile(path, orderingApiDocument())) ? 'current' : 'written'}: ${path}`);
