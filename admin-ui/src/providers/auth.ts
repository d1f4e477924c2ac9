import type { AuthProvider } from "@refinedev/core";
import { http, toApiError, ApiError } from "./http";
import type { SessionUser } from "../lib/types";
import { queryClient } from "./query-client";
import { setErrorTrackingUser } from "../lib/sentry";

export const NO_CONSOLE_ACCESS_MESSAGE = "This account has no access to the operations console";

/**
 * The signed-in user, fetched once and shared by getIdentity, getPermissions and the access-control
 * provider (which Refine calls once per menu item). `check` refreshes it; login and logout replace it.
 */
let currentUser: Promise<SessionUser | null> | null = null;

export function fetchCurrentUser(refresh = false): Promise<SessionUser | null> {
  if (!currentUser || refresh) {
    // user null when signed out (GET /auth/me would answer 401, which the browser logs as an error)
    const request = http
      .get<{ user: SessionUser | null }>("/auth/session")
      .then((response) => response.data.user)
      .catch((error: unknown) => {
        const apiError = toApiError(error);
        if (apiError.statusCode === 401) return null;
        // Don't cache a network failure: the next caller should try again.
        if (currentUser === request) currentUser = null;
        throw apiError;
      });
    currentUser = request;
  }
  return currentUser;
}

const endSession = async () => {
  try {
    await http.post("/auth/logout");
  } catch {
    // The session may already be gone (expired, revoked); signing out locally is what matters.
  }
  currentUser = Promise.resolve(null);
  signedIn(null);
};

/**
 * Whoever signs in or out in this tab: the query cache held the last person's data (the next one must never
 * see it, even while their own loads), and error reports name the new user's id.
 */
function signedIn(userId: string | null): void {
  queryClient.clear();
  setErrorTrackingUser(userId);
}

const noAccessError = () =>
  new ApiError({ message: NO_CONSOLE_ACCESS_MESSAGE, statusCode: 403, code: "forbidden" });

export const authProvider: AuthProvider = {
  login: async ({ email, password }: { email: string; password: string }) => {
    try {
      const { data } = await http.post<{ user: SessionUser }>("/auth/login", { email, password });
      if (!data.user.isAdmin) {
        // A customer signed in successfully, but the console is not for them: don't keep the session.
        await endSession();
        return { success: false, error: noAccessError() };
      }
      currentUser = Promise.resolve(data.user);
      signedIn(data.user.id);
      return { success: true, redirectTo: "/" };
    } catch (error) {
      return { success: false, error: toApiError(error) };
    }
  },

  logout: async () => {
    await endSession();
    return { success: true, redirectTo: "/login" };
  },

  check: async () => {
    try {
      const user = await fetchCurrentUser(true);
      if (!user) return { authenticated: false, redirectTo: "/login", logout: true };
      if (!user.isAdmin) {
        return { authenticated: false, redirectTo: "/login", logout: true, error: noAccessError() };
      }
      return { authenticated: true };
    } catch (error) {
      return { authenticated: false, redirectTo: "/login", error: toApiError(error) };
    }
  },

  getIdentity: async () => fetchCurrentUser(),

  getPermissions: async () => (await fetchCurrentUser())?.permissions ?? [],

  onError: async (error: { statusCode?: number }) => {
    if (error?.statusCode === 401) {
      return { logout: true, redirectTo: "/login", error: toApiError(error) };
    }
    // 403 and everything else are shown where they happen; the session is still fine.
    return {};
  },

  forgotPassword: async ({ email }: { email: string }) => {
    try {
      await http.post("/auth/password-reset/request", { email });
      return { success: true };
    } catch (error) {
      return { success: false, error: toApiError(error) };
    }
  },

  updatePassword: async ({ token, password }: { token: string; password: string }) => {
    try {
      await http.post("/auth/password-reset/confirm", { token, password });
      return { success: true, redirectTo: "/login" };
    } catch (error) {
      return { success: false, error: toApiError(error) };
    }
  },
};
