import simpleRestDataProvider from "@refinedev/simple-rest";
import { http } from "./http";

/**
 * The console's resources are the server's /api/admin/* list routes, which follow the simple-rest
 * contract. The axios instance already prefixes /api, so the provider adds only /admin: resource
 * "users" → GET /api/admin/users. (`custom()` calls are not prefixed by the provider: `url: "/health"`
 * reaches /api/health through the instance.)
 */
export const ADMIN_API_PATH = "/admin";

export const dataProvider = simpleRestDataProvider(ADMIN_API_PATH, http);
