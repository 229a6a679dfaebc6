import { describeApiDocument } from '@eshop/shared/testing/api-document';
import { orderingApiDocument } from '../src/api/api-description.js';

describeApiDocument('ordering', orderingApiDocument, new URL('../openapi.json', import.meta.url));
