import { localCloudGlobalSetup } from '@eshop/local-cloud/global-setup';

// The local cloud with this service alone, on free ports; the service packaged for template tests.
export default localCloudGlobalSetup({ services: ['product'], packaged: ['product'] });
