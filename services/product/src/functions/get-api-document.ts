import { apiDocumentHandler, httpEnvironment } from '@eshop/shared';
import document from '../../openapi.json' with { type: 'json' };

export const handler = apiDocumentHandler({ ...httpEnvironment('product'), document });
