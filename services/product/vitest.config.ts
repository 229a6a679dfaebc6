import { localCloudProject } from '@eshop/local-cloud/vitest-project';

export default localCloudProject('product');
