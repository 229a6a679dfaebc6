/**
 * Request headers that authenticate a user. The HTTP APIs take a JWT; the local cloud runs a
 * development issuer (`POST <issuer>/token {"userName"}`) standing in for Cognito. Each user's token
 * is minted once, before any timing starts, so signing is never part of a measured request.
 */
export type AuthHeaders = (userName: string) => Record<string, string>;

export interface UserTokens {
  /** Mints the tokens these users do not have yet; call before measuring. */
  prepare: (userNames: readonly string[]) => Promise<void>;
  headers: AuthHeaders;
}

/** `issuer`: the local cloud's development issuer; without one, requests carry no token. */
export const userTokens = (issuer: string | undefined): UserTokens => {
  const tokens = new Map<string, string>();
  const mint = async (userName: string) => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName }),
    });
    const body = (await response.json()) as { token?: string };
    if (!response.ok || body.token === undefined)
      throw new Error(`no token for ${userName}: HTTP ${response.status}`);
    tokens.set(userName, body.token);
  };
  return {
    prepare: async (userNames) => {
      if (issuer === undefined) return;
      const missing = userNames.filter((userName) => !tokens.has(userName));
      for (let start = 0; start < missing.length; start += 16) {
        await Promise.all(missing.slice(start, start + 16).map(mint));
      }
    },
    headers: (userName): Record<string, string> => {
      const token = tokens.get(userName);
      return token === undefined ? {} : { authorization: `Bearer ${token}` };
    },
  };
};
