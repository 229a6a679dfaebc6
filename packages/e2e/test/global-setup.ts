import { localCloudGlobalSetup } from '@eshop/local-cloud/global-setup';

// The whole local cloud, as `pnpm dev` starts it, on free ports.
export default localCloudGlobalSetup({ services: ['product', 'basket', 'ordering'] });
