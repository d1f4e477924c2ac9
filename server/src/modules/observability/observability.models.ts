import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const LOG_LEVELS = ['debug', 'info', 'warning', 'error', 'critical'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const GROUP_STATUSES = ['unresolved', 'resolved', 'ignored'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

/** One line of the system log (the plan's SystemLog); unexpected errors are stored here as events of a group. */
export class SystemLog extends Model<InferAttributes<SystemLog>, InferCreationAttributes<SystemLog>> {
  declare id: CreationOptional<string>;
  declare level: LogLevel;
  declare component: string;
  declare message: string;
  declare context: Record<string, unknown>;
  declare stack: string | null;
  declare fingerprint: string | null;
  declare errorGroupId: string | null;
  declare requestId: string | null;
  declare userId: string | null;
  declare sentryEventId: string | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SystemLog.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        level: { type: DataTypes.TEXT, allowNull: false },
        component: { type: DataTypes.TEXT, allowNull: false },
        message: { type: DataTypes.TEXT, allowNull: false },
        context: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        stack: DataTypes.TEXT,
        fingerprint: DataTypes.TEXT,
        errorGroupId: DataTypes.UUID,
        requestId: DataTypes.TEXT,
        userId: DataTypes.UUID,
        sentryEventId: DataTypes.TEXT,
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'system_logs', underscored: true, updatedAt: false },
    );
  }
}

/** Errors that share a fingerprint (error type + top stack frames), with counts and a triage status. */
export class ErrorGroup extends Model<InferAttributes<ErrorGroup>, InferCreationAttributes<ErrorGroup>> {
  declare id: CreationOptional<string>;
  declare fingerprint: string;
  declare component: string;
  declare errorType: string;
  declare message: string;
  declare status: CreationOptional<GroupStatus>;
  declare regressed: CreationOptional<boolean>;
  declare regressedAt: Date | null;
  declare eventCount: CreationOptional<number>;
  declare userCount: CreationOptional<number>;
  declare firstSeenAt: Date;
  declare lastSeenAt: Date;
  declare lastEventId: string | null;
  declare lastStack: string | null;
  declare lastContext: Record<string, unknown>;
  declare resolvedAt: Date | null;
  declare resolvedBy: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    ErrorGroup.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        fingerprint: { type: DataTypes.TEXT, allowNull: false },
        component: { type: DataTypes.TEXT, allowNull: false },
        errorType: { type: DataTypes.TEXT, allowNull: false },
        message: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'unresolved' },
        regressed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        regressedAt: DataTypes.DATE,
        eventCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        userCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        firstSeenAt: { type: DataTypes.DATE, allowNull: false },
        lastSeenAt: { type: DataTypes.DATE, allowNull: false },
        lastEventId: DataTypes.UUID,
        lastStack: DataTypes.TEXT,
        lastContext: { type: DataTypes.JSONB, allowNull: false, defaultValue: {} },
        resolvedAt: DataTypes.DATE,
        resolvedBy: DataTypes.UUID,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'error_groups', underscored: true },
    );
  }
}

export const OBSERVABILITY_MODELS = [SystemLog, ErrorGroup];
