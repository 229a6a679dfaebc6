import { describeApiDocument } from '@eshop/shared/testing/api-document';
import { basketApiDocument } from '../src/api/api-description.js';

describeApiDocument('basket', basketApiDocument, new URL('../openapi.json', import.meta.url));
