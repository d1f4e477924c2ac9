import { useCallback } from "react";
import { useGetIdentity } from "@refinedev/core";
import type { SessionUser } from "./types";

/** The signed-in admin and a permission test for showing or hiding controls (the server still decides). */
export function useCurrentUser() {
  const { data: user, isLoading } = useGetIdentity<SessionUser | null>();
  const can = useCallback((permission: string) => !!user?.permissions.includes(permission), [user]);
  return { user: user ?? null, isLoading, can };
}
