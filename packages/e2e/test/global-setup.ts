import { localCloudGlobalSetup } from '@eshop/local-cloud/global-setup';

// The whole local cloud, as `pnpm dev` starts it, on free ports; with fault proxies in front of
// DynamoDB, EventBridge and SQS that pass everything through until a test (the chaos suites)
// turns faults on.
export default localCloudGlobalSetup({ services: ['product', 'basket', 'ordering'], faults: true });
