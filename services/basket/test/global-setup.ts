import { localCloudGlobalSetup } from '@eshop/local-cloud/global-setup';

// The local cloud with product (basket prices from its catalog) and basket, on free ports; basket
// packaged for template tests.
export default localCloudGlobalSetup({ services: ['product', 'basket'], packaged: ['basket'] });
