import { userNameSchema } from '@eshop/shared';
import type { PreSignUpTriggerEvent } from 'aws-lambda';

/** Refuses a sign-up; Cognito answers the client `PreSignUp failed with error <message>.` */
export class UserNameRefusedError extends Error {
  override name = 'UserNameRefusedError';
}

/**
 * The user pool's PreSignUp trigger: a user name the API would refuse in a path or body (the shared
 * `userNameSchema`) is refused at sign-up, for self sign-ups and AdminCreateUser alike, so no user
 * can hold a token for a name they cannot use. Cognito itself already refuses spaces and control
 * characters and, the pool being case-insensitive, another capitalization of a taken name.
 */
export const checkSignUp = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  const result = userNameSchema.safeParse(event.userName);
  if (!result.success) {
    throw new UserNameRefusedError(
      `User name refused: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return event;
};
