// The floor of the cold-start benchmark: a handler that loads nothing, so its init time is what
// Node itself costs to load one ES module.
export const handler = async (): Promise<{ statusCode: number }> => ({ statusCode: 200 });
