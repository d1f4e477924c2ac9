import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const ADMIN_ROLES = ['super_admin', 'billing_admin', 'support_admin', 'analytics_admin'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export type RoleName = AdminRole | 'customer';

/** The plan's AdminUser: a user's admin role, extra grants and who granted them. */
export class AdminUser extends Model<InferAttributes<AdminUser>, InferCreationAttributes<AdminUser>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare role: AdminRole;
  declare permissions: CreationOptional<string[]>;
  declare grantedAt: CreationOptional<Date>;
  declare grantedBy: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AdminUser.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        userId: { type: DataTypes.UUID, allowNull: false, unique: true },
        role: { type: DataTypes.TEXT, allowNull: false },
        permissions: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        grantedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: DataTypes.NOW },
        grantedBy: { type: DataTypes.UUID, allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'admin_users', underscored: true },
    );
  }
}

export class Role extends Model<InferAttributes<Role>, InferCreationAttributes<Role>> {
  declare name: string;
  declare description: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Role.init(
      { name: { type: DataTypes.TEXT, primaryKey: true }, description: DataTypes.TEXT, createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE },
      { sequelize, tableName: 'roles', underscored: true },
    );
  }
}

export class Permission extends Model<InferAttributes<Permission>, InferCreationAttributes<Permission>> {
  declare key: string;
  declare groupName: string;
  declare description: string;

  static initModel(sequelize: Sequelize): void {
    Permission.init(
      { key: { type: DataTypes.TEXT, primaryKey: true }, groupName: DataTypes.TEXT, description: DataTypes.TEXT },
      { sequelize, tableName: 'permissions', underscored: true, timestamps: false },
    );
  }
}

export class RolePermission extends Model<InferAttributes<RolePermission>, InferCreationAttributes<RolePermission>> {
  declare roleName: string;
  declare permissionKey: string;

  static initModel(sequelize: Sequelize): void {
    RolePermission.init(
      { roleName: { type: DataTypes.TEXT, primaryKey: true }, permissionKey: { type: DataTypes.TEXT, primaryKey: true } },
      { sequelize, tableName: 'role_permissions', underscored: true, timestamps: false },
    );
  }
}

export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
  declare id: CreationOptional<string>;
  declare actorId: string | null;
  declare actorEmail: string | null;
  declare action: string;
  declare targetType: string;
  declare targetId: string | null;
  declare before: unknown;
  declare after: unknown;
  declare ip: string | null;
  declare userAgent: string | null;
  /** Chain position, previous row's hash and this row's hash: filled by the audit_logs_chain trigger. */
  declare seq: CreationOptional<string>;
  declare prevHash: CreationOptional<string | null>;
  declare hash: CreationOptional<string>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    AuditLog.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        actorId: DataTypes.UUID,
        actorEmail: DataTypes.TEXT,
        action: { type: DataTypes.TEXT, allowNull: false },
        targetType: { type: DataTypes.TEXT, allowNull: false },
        targetId: DataTypes.TEXT,
        before: DataTypes.JSONB,
        after: DataTypes.JSONB,
        ip: DataTypes.TEXT,
        userAgent: DataTypes.TEXT,
        seq: DataTypes.BIGINT,
        prevHash: DataTypes.TEXT,
        hash: DataTypes.TEXT,
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'audit_logs', underscored: true, updatedAt: false },
    );
  }
}
