import type { AuthProvider } from '@refinedev/core';
import type { User } from '../lib/api-types';
import { http, toApiError } from './http';
import { queryClient } from './query-client';
import { setErrorTrackingUser } from '../lib/sentry';

export type LoginValues = { email: string; password: string };
export type RegisterValues = { name: string; email: string; password: string };
export type ForgotPasswordValues = { email: string };
export type UpdatePasswordValues = { token: string; password: string };

/** What the layout header and the account page read via `useGetIdentity`. */
export type Identity = User;

const HOME = '/projects';

/** The API's minimum password length (register, reset, change). */
export const MIN_PASSWORD_LENGTH = 8;

// `check` and `getIdentity` run together on every load; share one in-flight request. /auth/session answers
// user null to a signed-out visitor (where /auth/me's 401 would be logged by the browser as an error).
let meRequest: Promise<User | null> | null = null;
function fetchMe(): Promise<User | null> {
  meRequest ??= http
    .get<{ user: User | null }>('/auth/session')
    .then((res) => res.data.user)
    .finally(() => {
      meRequest = null;
    });
  return meRequest;
}

function failure(error: unknown, name: string) {
  const apiError = toApiError(error);
  return { success: false, error: { ...apiError, name } };
}

/**
 * Whoever signs in or out in this tab: the query cache held the last person's data (the next one must never
 * see it, even while their own loads), and error reports name the new user's id.
 */
function signedIn(userId: string | null): void {
  queryClient.clear();
  setErrorTrackingUser(userId);
}

/** Session-cookie auth against /api/auth; every failure carries the server's message and field errors. */
export const authProvider: AuthProvider = {
  login: async ({ email, password }: LoginValues) => {
    try {
      const { data } = await http.post<{ user: User }>('/auth/login', { email, password });
      signedIn(data.user.id);
      return { success: true, redirectTo: HOME };
    } catch (error) {
      return failure(error, 'Sign-in failed');
    }
  },

  register: async ({ name, email, password }: RegisterValues) => {
    try {
      // The API signs the new customer in straight away (it sets the session cookie).
      const { data } = await http.post<{ user: User }>('/auth/register', { name, email, password });
      signedIn(data.user.id);
      return { success: true, redirectTo: HOME };
    } catch (error) {
      return failure(error, 'Sign-up failed');
    }
  },

  logout: async () => {
    try {
      await http.post('/auth/logout');
    } catch {
      // An expired session is as logged out as it gets; go to the sign-in page either way.
    }
    signedIn(null);
    return { success: true, redirectTo: '/login' };
  },

  check: async () => {
    try {
      if (await fetchMe()) return { authenticated: true };
      return { authenticated: false, logout: true, redirectTo: '/login' };
    } catch (error) {
      return { authenticated: false, logout: true, redirectTo: '/login', error: toApiError(error) };
    }
  },

  getIdentity: async () => {
    try {
      return await fetchMe();
    } catch {
      return null;
    }
  },

  onError: async (error: unknown) => {
    const { statusCode, code } = toApiError(error);
    // 401: the session ended (expired, revoked by a password reset, or the account was suspended).
    if (statusCode === 401 || code === 'account_suspended') {
      return { logout: true, redirectTo: '/login', error: toApiError(error) };
    }
    return {};
  },

  forgotPassword: async ({ email }: ForgotPasswordValues) => {
    try {
      // Always 202, whether or not the address has an account (no account enumeration).
      await http.post('/auth/password-reset/request', { email });
      return { success: true };
    } catch (error) {
      return failure(error, 'Could not send the link');
    }
  },

  updatePassword: async ({ token, password }: UpdatePasswordValues) => {
    try {
      await http.post('/auth/password-reset/confirm', { token, password });
      return { success: true };
    } catch (error) {
      return failure(error, 'Could not reset the password');
    }
  },
};
