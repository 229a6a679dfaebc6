import { describeApiDocument } from '@eshop/shared/testing/api-document';
import { productApiDocument } from '../src/api/api-description.js';

describeApiDocument('product', productApiDocument, new URL('../openapi.json', import.meta.url));
