// Cost of zod alone, imported the way the services import it: zod/mini with the English messages
// (packages/shared/src/zod.ts), read by property so esbuild keeps only what is used.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

const productSchema = z.object({
  id: z.uuid(),
  name: z.string().check(z.minLength(1)),
  price: z.number().check(z.int()),
});

export const handler = async (input: unknown) => productSchema.parse(input);
