import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../src/modules/auth/password';
import { User } from '../../src/modules/users/user.models';
import { AdminUser, type AdminRole } from '../../src/modules/admin/admin.models';
import { Project, Snippet } from '../../src/modules/projects/project.models';
import { DEFAULT_PASSWORD } from './app';

let defaultHash: Promise<string> | undefined;

/** A user straight in the database; `role` makes them an admin. */
export async function makeUser(over: { name?: string; email?: string; password?: string; role?: AdminRole; status?: 'active' | 'suspended'; createdAt?: Date } = {}) {
  const passwordHash = over.password ? await hashPassword(over.password) : await (defaultHash ??= hashPassword(DEFAULT_PASSWORD));
  const user = await User.create({
    name: over.name ?? 'Test User',
    email: over.email ?? `user-${randomUUID().slice(0, 8)}@example.test`,
    passwordHash,
    status: over.status ?? 'active',
    ...(over.createdAt ? { createdAt: over.createdAt, updatedAt: over.createdAt } : {}),
  });
  if (over.role) await AdminUser.create({ userId: user.id, role: over.role });
  return user;
}

export async function makeProject(ownerId: string, over: { name?: string } = {}) {
  return Project.create({ ownerId, name: over.name ?? 'Test project' });
}

export async function makeSnippet(ownerId: string, projectId: string, content = 'function add(a, b) {\n  return a + b;\n}\n') {
  return Snippet.create({ ownerId, projectId, filename: 'add.js', language: 'javascript', content, sizeBytes: Buffer.byteLength(content) });
}
