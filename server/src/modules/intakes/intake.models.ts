import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const INTAKE_STATUSES = ['new', 'in_review', 'accepted', 'rejected'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export class Intake extends Model<InferAttributes<Intake>, InferCreationAttributes<Intake>> {
  declare id: CreationOptional<string>;
  declare ownerId: string;
  declare customerName: string;
  declare company: CreationOptional<string>;
  declare email: string;
  declare status: CreationOptional<IntakeStatus>;
  declare notes: CreationOptional<string>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Intake.init(
      {
        id: { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 },
        ownerId: { type: DataTypes.UUID, allowNull: false },
        customerName: { type: DataTypes.TEXT, allowNull: false },
        company: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        email: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'new' },
        notes: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'intakes', underscored: true },
    );
  }
}
