import type { Sequelize } from 'sequelize';
import { User } from '../modules/users/user.models';
import { AdminUser, AuditLog, Permission, Role, RolePermission } from '../modules/admin/admin.models';
import { PasswordResetToken, Session } from '../modules/auth/auth.models';
import { OutboxEmail } from '../modules/mail/mail.models';
import { Project, Snippet } from '../modules/projects/project.models';
import { Analysis } from '../modules/analyses/analysis.models';
import { Intake } from '../modules/intakes/intake.models';
import { Setting } from '../modules/system/setting.models';
import { BILLING_MODELS } from '../modules/billing/billing.models';
import { SUPPORT_MODELS } from '../modules/support/support.models';
import { OBSERVABILITY_MODELS } from '../modules/observability/observability.models';

/** Defines every model on the instance; each module owns its models file. */
export function initModels(sequelize: Sequelize): void {
  for (const model of [User, AdminUser, AuditLog, Permission, Role, RolePermission, Session, PasswordResetToken, OutboxEmail, Project, Snippet, Analysis, Intake, Setting, ...BILLING_MODELS, ...SUPPORT_MODELS, ...OBSERVABILITY_MODELS]) {
    model.initModel(sequelize);
  }
}
