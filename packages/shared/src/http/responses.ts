import type { HttpResult } from './http-handler.js';

/** 200 with a JSON body. */
export const ok = (body: unknown, headers?: Record<string, string>): HttpResult => ({
  status: 200,
  body,
  headers,
});

/** 201 with the new resource and its `Location`. */
export const created = (location: string, body: unknown, headers?: Record<string, string>): HttpResult => ({
  status: 201,
  body,
  headers: { ...headers, location },
});

/** 202: accepted for asynchronous processing. */
export const accepted = (body: unknown, headers?: Record<string, string>): HttpResult => ({
  status: 202,
  body,
  headers,
});

/** 204 with no body. */
export const noContent = (): HttpResult => ({ status: 204 });
