import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';

/** The services a stage deploys, each its own stack `eshop-<service>-<stage>`. */
const SERVICES = ['product', 'basket', 'ordering'] as const;
type Service = (typeof SERVICES)[number];

/** What a client needs of a deployed stage: its APIs and its Cognito user pool and app client. */
export interface DeployedStage {
  stage: string;
  region: string;
  apis: Record<Service, string>;
  userPoolId: string;
  clientId: string;
}

/** Cognito's two bearer tokens for a signed-in user. */
export interface CognitoTokens {
  idToken: string;
  accessToken: string;
}

/**
 * Reads a deployed stage from its stacks' outputs (what `osls-compose info` shows): each HTTP API's
 * URL, and the user pool (from product's issuer URL) and app client. Needs
 * `cloudformation:DescribeStacks` on the three stacks.
 *
 * @example
 * const { apis, userPoolId, clientId } = await readDeployedStage('dev', 'us-east-1');
 */
export const readDeployedStage = async (stage: string, region: string): Promise<DeployedStage> => {
  const cloudFormation = new CloudFormationClient({ region });
  const outputsOf = async (service: Service) => {
    const stackName = `eshop-${service}-${stage}`;
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const outputs = Object.fromEntries(
      (Stacks[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']),
    );
    const required = (key: string) => {
      const value = outputs[key];
      if (!value)
        throw new Error(`Stack ${stackName} in ${region} has no output ${key}: is stage ${stage} deployed?`);
      return value;
    };
    return { required };
  };
  const [product, basket, ordering] = await Promise.all(SERVICES.map(outputsOf));
  if (product === undefined || basket === undefined || ordering === undefined) throw new Error('unreachable');
  return {
    stage,
    region,
    apis: {
      product: product.required('HttpApiUrl'),
      basket: basket.required('HttpApiUrl'),
      ordering: ordering.required('HttpApiUrl'),
    },
    // https://cognito-idp.<region>.amazonaws.com/<pool id>
    userPoolId: product.required('UserPoolIssuerUrl').split('/').pop() ?? '',
    clientId: product.required('UserPoolClientId'),
  };
};

/**
 * Signs a user in the way the app client allows (SRP: the password never leaves this process) with
 * AWS's `amazon-cognito-identity-js`, and returns the user's ID and access tokens.
 *
 * @example
 * const { idToken } = await signInWithSrp({ userPoolId, clientId, userName: 'swn', password });
 */
export const signInWithSrp = ({
  userPoolId,
  clientId,
  userName,
  password,
}: {
  userPoolId: string;
  clientId: string;
  userName: string;
  password: string;
}): Promise<CognitoTokens> =>
  new Promise((resolve, reject) => {
    const user = new CognitoUser({
      Username: userName,
      Pool: new CognitoUserPool({ UserPoolId: userPoolId, ClientId: clientId }),
    });
    const refuse = (why: string) => () =>
      reject(new Error(`Cognito asks ${userName} to ${why} first: sign in once in the storefront`));
    user.authenticateUser(new AuthenticationDetails({ Username: userName, Password: password }), {
      onSuccess: (session) =>
        resolve({
          idToken: session.getIdToken().getJwtToken(),
          accessToken: session.getAccessToken().getJwtToken(),
        }),
      onFailure: (error: Error) => reject(error),
      newPasswordRequired: refuse('set a new password'),
      mfaRequired: refuse('enter an MFA code'),
      totpRequired: refuse('enter an MFA code'),
      mfaSetup: refuse('set up MFA'),
      selectMFAType: refuse('choose an MFA type'),
      customChallenge: refuse('answer a custom challenge'),
    });
  });
