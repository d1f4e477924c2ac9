import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { AnalysisType, Finding } from './analyzer';

export const ANALYSIS_TYPES = ['security', 'quality', 'performance', 'bugs'] as const;
export type AnalysisStatus = 'queued' | 'running' | 'completed' | 'failed';

export class Analysis extends Model<InferAttributes<Analysis>, InferCreationAttributes<Analysis>> {
  declare id: CreationOptional<string>;
  declare projectId: string;
  declare snippetId: string | null;
  declare ownerId: string;
  declare snippetFilename: string;
  declare type: AnalysisType;
  declare status: CreationOptional<AnalysisStatus>;
  declare qualityScore: CreationOptional<number | null>;
  declare bugsFound: CreationOptional<number | null>;
  declare confidence: CreationOptional<number | null>;
  declare summary: CreationOptional<string | null>;
  declare findings: CreationOptional<Finding[]>;
  declare error: CreationOptional<string | null>;
  declare startedAt: CreationOptional<Date | null>;
  declare completedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Analysis.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        projectId: { type: DataTypes.UUID, allowNull: false },
        snippetId: DataTypes.UUID,
        ownerId: { type: DataTypes.UUID, allowNull: false },
        snippetFilename: { type: DataTypes.TEXT, allowNull: false },
        type: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'queued' },
        qualityScore: DataTypes.INTEGER,
        bugsFound: DataTypes.INTEGER,
        confidence: DataTypes.DOUBLE,
        summary: DataTypes.TEXT,
        findings: { type: DataTypes.JSONB, allowNull: false, defaultValue: [] },
        error: DataTypes.TEXT,
        startedAt: DataTypes.DATE,
        completedAt: DataTypes.DATE,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'analyses', underscored: true },
    );
  }
}
