import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const TICKET_STATUSES = ['open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses in which a ticket still needs work (and counts against an agent's capacity). */
export const OPEN_TICKET_STATUSES = ['open', 'in_progress', 'waiting_on_customer'] as const satisfies readonly TicketStatus[];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const MESSAGE_AUTHOR_KINDS = ['customer', 'agent', 'system'] as const;
export type MessageAuthorKind = (typeof MESSAGE_AUTHOR_KINDS)[number];

const id = { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 };

/** The plan's SupportTicket: a customer's request with its SLA due times, assignee and rating. */
export class SupportTicket extends Model<InferAttributes<SupportTicket>, InferCreationAttributes<SupportTicket>> {
  declare id: CreationOptional<string>;
  /** For people: T-000123. */
  declare number: CreationOptional<string>;
  declare customerId: string;
  declare subject: string;
  declare description: string;
  declare status: CreationOptional<TicketStatus>;
  declare priority: CreationOptional<TicketPriority>;
  /** Professional and Enterprise customers: tighter SLA targets. */
  declare prioritySupport: CreationOptional<boolean>;
  declare customerTier: CreationOptional<string | null>;
  /** The admin user (users.id) working on it. */
  declare assigneeId: CreationOptional<string | null>;
  /** An error id the customer quoted (shown on error screens); the console links it to /admin/errors?q=… */
  declare errorId: CreationOptional<string | null>;
  declare firstResponseDueAt: Date;
  declare resolutionDueAt: Date;
  declare firstRespondedAt: CreationOptional<Date | null>;
  declare resolvedAt: CreationOptional<Date | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare slaBreached: CreationOptional<boolean>;
  declare escalatedAt: CreationOptional<Date | null>;
  declare ratingScore: CreationOptional<number | null>;
  declare ratingComment: CreationOptional<string | null>;
  declare ratedAt: CreationOptional<Date | null>;
  declare lastMessageAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SupportTicket.init(
      {
        id,
        // the database numbers tickets (a sequence default); INSERT … RETURNING brings it back
        number: { type: DataTypes.TEXT },
        customerId: { type: DataTypes.UUID, allowNull: false },
        subject: { type: DataTypes.TEXT, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'open' },
        priority: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'normal' },
        prioritySupport: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        customerTier: DataTypes.TEXT,
        assigneeId: DataTypes.UUID,
        errorId: DataTypes.TEXT,
        firstResponseDueAt: { type: DataTypes.DATE, allowNull: false },
        resolutionDueAt: { type: DataTypes.DATE, allowNull: false },
        firstRespondedAt: DataTypes.DATE,
        resolvedAt: DataTypes.DATE,
        closedAt: DataTypes.DATE,
        slaBreached: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        escalatedAt: DataTypes.DATE,
        ratingScore: DataTypes.SMALLINT,
        ratingComment: DataTypes.TEXT,
        ratedAt: DataTypes.DATE,
        lastMessageAt: DataTypes.DATE,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'support_tickets', underscored: true },
    );
  }
}

/** The plan's TicketMessage: a public reply or (internal = true) a note customers never see. */
export class TicketMessage extends Model<InferAttributes<TicketMessage>, InferCreationAttributes<TicketMessage>> {
  declare id: CreationOptional<string>;
  declare ticketId: string;
  declare authorId: string | null;
  declare authorKind: MessageAuthorKind;
  declare internal: CreationOptional<boolean>;
  declare content: string;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    TicketMessage.init(
      {
        id,
        ticketId: { type: DataTypes.UUID, allowNull: false },
        authorId: DataTypes.UUID,
        authorKind: { type: DataTypes.TEXT, allowNull: false },
        internal: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        content: { type: DataTypes.TEXT, allowNull: false },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'ticket_messages', underscored: true, updatedAt: false },
    );
  }
}

/** A reusable reply with placeholders such as {{customer.name}}. */
export class CannedResponse extends Model<InferAttributes<CannedResponse>, InferCreationAttributes<CannedResponse>> {
  declare id: CreationOptional<string>;
  declare title: string;
  declare content: string;
  declare createdBy: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CannedResponse.init(
      { id, title: { type: DataTypes.TEXT, allowNull: false }, content: { type: DataTypes.TEXT, allowNull: false }, createdBy: DataTypes.UUID, createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE },
      { sequelize, tableName: 'canned_responses', underscored: true },
    );
  }
}

/** SLA targets of one priority, in minutes. */
export class SlaPolicy extends Model<InferAttributes<SlaPolicy>, InferCreationAttributes<SlaPolicy>> {
  declare priority: TicketPriority;
  declare firstResponseMinutes: number;
  declare resolutionMinutes: number;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SlaPolicy.init(
      {
        priority: { type: DataTypes.TEXT, primaryKey: true },
        firstResponseMinutes: { type: DataTypes.INTEGER, allowNull: false },
        resolutionMinutes: { type: DataTypes.INTEGER, allowNull: false },
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'sla_policies', underscored: true, createdAt: false },
    );
  }
}

/** An admin who takes tickets: whether they are in the round-robin and how many open tickets they can hold. */
export class SupportAgent extends Model<InferAttributes<SupportAgent>, InferCreationAttributes<SupportAgent>> {
  declare userId: string;
  declare active: CreationOptional<boolean>;
  declare maxOpenTickets: CreationOptional<number>;
  declare lastAssignedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SupportAgent.init(
      {
        userId: { type: DataTypes.UUID, primaryKey: true },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        maxOpenTickets: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 25 },
        lastAssignedAt: DataTypes.DATE,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'support_agents', underscored: true },
    );
  }
}

export const SUPPORT_MODELS = [SupportTicket, TicketMessage, CannedResponse, SlaPolicy, SupportAgent];
