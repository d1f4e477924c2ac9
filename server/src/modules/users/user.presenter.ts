import { z } from 'zod';
import type { AuthContext, AuthUser } from '../../http/auth-context';

export const userSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    email: z.string(),
    status: z.enum(['active', 'suspended']),
    role: z.string(),
    isAdmin: z.boolean(),
    permissions: z.array(z.string()),
    createdAt: z.string(),
    lastActiveAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export type UserDto = z.infer<typeof userSchema>;

/** The signed-in user as the UIs see it. */
export function presentSelf(auth: Pick<AuthContext, 'user' | 'permissions' | 'isAdmin'>): UserDto {
  return { ...presentUser(auth.user), isAdmin: auth.isAdmin, permissions: [...auth.permissions].sort() };
}

export function presentUser(u: AuthUser): Omit<UserDto, 'permissions' | 'isAdmin'> & { isAdmin: boolean } {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    status: u.status,
    role: u.role,
    isAdmin: u.role !== 'customer',
    createdAt: u.createdAt.toISOString(),
    lastActiveAt: u.lastActiveAt ? u.lastActiveAt.toISOString() : null,
  };
}
