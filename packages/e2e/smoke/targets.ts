import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoTokens, readDeployedStage, requestToken, signInWithSrp } from '@eshop/local-cloud';

/**
 * Where the smoke suite runs: the APIs, and how it gets users with real tokens. The same suite runs
 * against the local cloud in `pnpm test` and against a deployed stage in `pnpm smoke --stage`.
 */
export interface SmokeTarget {
  description: string;
  apis: { product: string; basket: string; ordering: string };
  /** How long a checkout may take to become an order. */
  orderWithinMs: number;
  /** A new user, signed in: their ID and access tokens. `admin` puts them in the admin group. */
  signUp: (userName: string, options: { admin: boolean }) => Promise<CognitoTokens>;
  /** Removes every user `signUp` made. */
  cleanUp: () => Promise<void>;
}

/** The local cloud: its development issuer mints Cognito-shaped tokens for any user name. */
export const localTarget = ({
  services,
  issuer,
}: {
  services: Record<string, string>;
  issuer: string;
}): SmokeTarget => ({
  description: 'the local cloud',
  apis: { product: services.product ?? '', basket: services.basket ?? '', ordering: services.ordering ?? '' },
  orderWithinMs: 10_000,
  signUp: async (userName, { admin }) => ({
    idToken: await requestToken(issuer, userName, { admin, tokenUse: 'id' }),
    accessToken: await requestToken(issuer, userName, { admin, tokenUse: 'access' }),
  }),
  cleanUp: async () => {},
});

/** A password Cognito's policy accepts (12+ characters, upper and lower case, digits), used once. */
const oneTimePassword = () => `${randomBytes(18).toString('base64url')}Aa1`;

/**
 * A deployed stage: URLs and the user pool from the stacks' outputs; each user created in Cognito
 * (AdminCreateUser, no invitation e-mail; AdminSetUserPassword), signed in over SRP like a
 * storefront, and deleted afterwards (AdminDeleteUser). Needs credentials allowed
 * `cloudformation:DescribeStacks` and those `cognito-idp:Admin*` calls on the pool.
 */
export const deployedTarget = async (stage: string, region: string): Promise<SmokeTarget> => {
  const { apis, userPoolId, clientId } = await readDeployedStage(stage, region);
  const cognito = new CognitoIdentityProviderClient({ region });
  const created: string[] = [];
  return {
    description: `stage ${stage} in ${region}`,
    apis,
    orderWithinMs: 30_000,
    signUp: async (userName, { admin }) => {
      const password = oneTimePassword();
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: userName,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: `${userName}@example.com` },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      created.push(userName);
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: userName,
          Password: password,
          Permanent: true,
        }),
      );
      if (admin) {
        await cognito.send(
          new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: userName, GroupName: 'admin' }),
        );
      }
      return signInWithSrp({ userPoolId, clientId, userName, password });
    },
    cleanUp: async () => {
      for (const userName of created.splice(0)) {
        await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userName }));
      }
    },
  };
};
