import { userNameSchema } from '@eshop/shared';
import * as z from '@eshop/shared/zod';

/** 50 lines of JSON fit easily; anything near a megabyte is abuse. */
export const MAX_BASKET_BODY_BYTES = 32 * 1024;

export const userPath = z.object({ userName: userNameSchema });

export const basketLocation = (userName: string): string => `/basket/${encodeURIComponent(userName)}`;
