import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Runtime settings editable from the console (maintenance banner, tax rate, thresholds). */
export class Setting extends Model<InferAttributes<Setting>, InferCreationAttributes<Setting>> {
  declare key: string;
  declare value: unknown;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Setting.init(
      { key: { type: DataTypes.TEXT, primaryKey: true }, value: { type: DataTypes.JSONB, allowNull: false }, updatedAt: DataTypes.DATE },
      { sequelize, tableName: 'settings', underscored: true, createdAt: false },
    );
  }
}
