import { localCloudProject } from '@eshop/local-cloud/vitest-project';

// One file at a time: the 200-checkout load must not skew the journey's latency assertions.
export default localCloudProject('e2e', { singleFork: true, testTimeout: 60_000, hookTimeout: 180_000 });
