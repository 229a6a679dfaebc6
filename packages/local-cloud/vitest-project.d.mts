import type { UserWorkspaceConfig } from 'vitest/config';

export declare const localCloudProject: (
  name: string,
  options?: { singleFork?: boolean; testTimeout?: number; hookTimeout?: number },
) => UserWorkspaceConfig;
