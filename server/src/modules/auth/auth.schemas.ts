import { z } from 'zod';

export const email = z.string().trim().toLowerCase().max(254).email('Enter a valid e-mail address');
export const newPassword = z.string().min(8, 'Use at least 8 characters').max(200, 'Use at most 200 characters');
const name = z.string().trim().min(1, 'Required').max(120, 'Use at most 120 characters');

export const registerBody = z.strictObject({ name, email, password: newPassword });
export const loginBody = z.strictObject({ email: z.string().trim().toLowerCase().min(1, 'Required').max(254), password: z.string().min(1, 'Required').max(200) });
export const resetRequestBody = z.strictObject({ email: z.string().trim().toLowerCase().min(1, 'Required').max(254) });
export const resetConfirmBody = z.strictObject({ token: z.string().min(10, 'Invalid token').max(200), password: newPassword });
export const changePasswordBody = z.strictObject({ currentPassword: z.string().min(1, 'Required').max(200), newPassword });
export const updateProfileBody = z.strictObject({ name });
