import axios, { AxiosError, type AxiosInstance } from "axios";
import type { HttpError } from "@refinedev/core";

/** Every call of the console goes through this prefix; Vite proxies it in development. */
export const API_URL = "/api";

/** The error body every non-2xx JSON response of the API carries. */
interface ApiErrorBody {
  statusCode?: number;
  message?: string;
  code?: string;
  errors?: Record<string, string[]>;
  errorId?: string;
}

/**
 * The error Refine receives for a failed request. `errors` (field → messages) is what Refine forms use to
 * mark fields; `code` and `errorId` are kept so screens can react to them and users can quote the id.
 */
export class ApiError extends Error implements HttpError {
  override name = "ApiError";
  statusCode: number;
  code?: string;
  errors?: Record<string, string[]>;
  errorId?: string;

  constructor(init: { message: string; statusCode: number; code?: string; errors?: Record<string, string[]>; errorId?: string }) {
    super(init.message);
    this.statusCode = init.statusCode;
    this.code = init.code;
    this.errors = init.errors;
    this.errorId = init.errorId;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

const fallbackMessage = (status: number): string => {
  if (status === 0) return "Cannot reach the server. Check your connection and try again.";
  if (status === 401) return "Your session has ended. Please sign in again.";
  if (status === 403) return "You do not have permission to do this.";
  if (status === 404) return "Not found.";
  if (status === 429) return "Too many attempts. Please wait a moment and try again.";
  if (status >= 500) return "The server had a problem. Please try again.";
  return `Request failed (${status}).`;
};

/** The ApiError of an answer with this status and body (the API's JSON error, or whatever a proxy sent). */
export function errorFromResponse(status: number, body: unknown): ApiError {
  // A proxy or a crashed server can answer with HTML or nothing: fall back to a message by status.
  const json = body && typeof body === "object" ? (body as ApiErrorBody) : undefined;
  let message = json?.message || fallbackMessage(status);
  if (json?.errorId) message = `${message} (error id: ${json.errorId})`;
  return new ApiError({
    message,
    statusCode: json?.statusCode ?? status,
    code: json?.code,
    errors: json?.errors && typeof json.errors === "object" ? json.errors : undefined,
    errorId: json?.errorId,
  });
}

/** Turns whatever axios rejected with into an ApiError (exported for code that calls fetch-like APIs). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof AxiosError) return errorFromResponse(error.response?.status ?? 0, error.response?.data);
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return new ApiError({ message, statusCode: 0 });
}

/**
 * The one axios instance of the console. @refinedev/simple-rest's own instance maps errors to
 * `{message, statusCode}` only and drops the field errors, so the data provider is given this one.
 */
export const http: AxiosInstance = axios.create({
  baseURL: API_URL,
  withCredentials: true,
  headers: { Accept: "application/json" },
});

// How far the server's clock is from this browser's (x-server-time on every API answer); countdowns
// add it so a wrong laptop clock, or a test-mode clock moved forward, does not skew them.
let serverOffsetMs = 0;
const recordServerTime = (header: unknown) => {
  const at = typeof header === "string" ? Date.parse(header) : NaN;
  if (!Number.isNaN(at)) serverOffsetMs = at - Date.now();
};

/** "Now" by the server's clock, as of the last API answer. */
export const serverNow = (): number => Date.now() + serverOffsetMs;

http.interceptors.response.use(
  (response) => {
    recordServerTime(response.headers["x-server-time"]);
    return response;
  },
  (error: unknown) => {
    if (error instanceof AxiosError) recordServerTime(error.response?.headers["x-server-time"]);
    return Promise.reject(toApiError(error));
  },
);
