// Cost of zod alone, imported the way packages/shared and the services import it (`{ z }`).
import { z } from 'zod';

const productSchema = z.object({ id: z.uuid(), name: z.string().min(1), price: z.number().int() });

export const handler = async (input: unknown) => productSchema.parse(input);
