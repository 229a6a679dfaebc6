import type { Logger, VerifyToken } from '@eshop/shared';
import * as z from 'zod';
import { userNameSchema } from '../domain/basket.js';

/** What every basket handler needs besides its domain ports. */
export interface HttpDeps {
  logger: Logger;
  corsOrigins?: string[];
  /** Verifies bearer tokens: users act on their own basket, admins on any. */
  verifyToken?: VerifyToken;
}

/** 50 lines of JSON fit easily; anything near a megabyte is abuse. */
export const MAX_BASKET_BODY_BYTES = 32 * 1024;

export const userPath = z.object({ userName: userNameSchema });

export const basketLocation = (userName: string): string => `/basket/${encodeURIComponent(userName)}`;
