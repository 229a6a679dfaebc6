import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';

type ProviderInit = Parameters<typeof fromEnv>[0] & Parameters<typeof fromHttp>[0];
type CredentialProvider = ReturnType<typeof fromEnv>;

const containerEndpointSet = () =>
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI !== undefined ||
  process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI !== undefined;

/**
 * Stands in for `@aws-sdk/credential-provider-node` in every function bundle (the `alias` in
 * `esbuild`): the AWS SDK clients' default credential chain, cut to the links a Lambda function
 * can use.
 *
 * Lambda hands a function its role's credentials in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), where the full chain looks first; with SnapStart it
 * serves them from a container endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead. The rest of
 * the chain (SSO, ini files, credential processes, web identity, EC2 metadata, and the STS and SSO
 * clients they bring) never runs in a function, yet was 40% of the SDK's bundled code and of its
 * load time at every cold start. The local cloud passes its credentials in the environment too.
 * The SDK memoizes what this returns and calls it again before the credentials expire.
 */
export const defaultProvider =
  (init: ProviderInit = {}): CredentialProvider =>
  async () => {
    try {
      return await fromEnv(init)();
    } catch (error) {
      if (!containerEndpointSet()) throw error;
      return fromHttp(init)();
    }
  };
