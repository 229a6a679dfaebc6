import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { checkSignUp, UserNameRefusedError } from './check-sign-up.js';

const signUp = (userName: string, triggerSource = 'PreSignUp_SignUp'): PreSignUpTriggerEvent =>
  ({
    version: '1',
    region: 'us-east-1',
    userPoolId: 'us-east-1_Example',
    triggerSource,
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'example-app-client-id' },
    request: { userAttributes: { email: 'ada@example.com' }, validationData: {} },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  }) as PreSignUpTriggerEvent;

describe('checkSignUp (the user pool’s PreSignUp trigger)', () => {
  it.each(['swn', 'Ada.Lovelace', 'smoke-0f3a', 'josé', 'a'.repeat(128)])(
    'lets %s sign up, leaving the event as it was',
    async (userName) => {
      const event = signUp(userName);
      await expect(checkSignUp(event)).resolves.toEqual(signUp(userName));
    },
  );

  it.each([
    ['a slash, which no path segment can hold', 'ada/lovelace'],
    ['more than 128 characters', 'a'.repeat(129)],
    ['an empty name', ''],
    ['a space', 'ada lovelace'],
  ])('refuses a name with %s, whoever creates the user', async (_, userName) => {
    for (const source of ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser']) {
      await expect(checkSignUp(signUp(userName, source))).rejects.toThrow(UserNameRefusedError);
    }
  });

  it('says why, in the message Cognito shows the client', async () => {
    await expect(checkSignUp(signUp('ada/lovelace'))).rejects.toThrow(/^User name refused: Must be 1-128/);
  });
});
