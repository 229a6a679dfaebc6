import { checkSignUp } from '../handlers/check-sign-up.js';

// Cognito's PreSignUp trigger needs no client and no environment.
export const handler = checkSignUp;
