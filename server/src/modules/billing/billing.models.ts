import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

// Money columns are integer cents (bigint); db/sequelize.ts parses int8 to a JS number once.

export const SUBSCRIPTION_STATUSES = ['active', 'past_due', 'cancelled', 'trial'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const USAGE_METRICS = ['analyses_run', 'projects_created', 'storage_bytes'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];
export const INVOICE_KINDS = ['regular', 'proration', 'manual'] as const;
export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'failed', 'refunded', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const INVOICE_ITEM_TYPES = ['subscription', 'overage', 'credit', 'proration', 'tax'] as const;
export const WEBHOOK_EVENT_STATUSES = ['received', 'processed', 'failed', 'ignored'] as const;

const id = { type: DataTypes.UUID, primaryKey: true, defaultValue: DataTypes.UUIDV4 };
const cents = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull, defaultValue: 0 });

export class SubscriptionTier extends Model<InferAttributes<SubscriptionTier>, InferCreationAttributes<SubscriptionTier>> {
  declare id: CreationOptional<string>;
  declare name: string;
  declare displayName: string;
  declare monthlyPriceCents: number;
  declare currency: CreationOptional<string>;
  /** null = unlimited, for all three limits. */
  declare maxProjects: number | null;
  declare maxAnalysesPerMonth: number | null;
  declare maxStorageMb: number | null;
  declare includesPrioritySupport: CreationOptional<boolean>;
  declare includesAdvancedAnalytics: CreationOptional<boolean>;
  /** 0 means the analyses limit is hard (Free). */
  declare overageAnalysisCents: CreationOptional<number>;
  declare sortOrder: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    SubscriptionTier.init(
      {
        id,
        name: { type: DataTypes.TEXT, allowNull: false, unique: true },
        displayName: { type: DataTypes.TEXT, allowNull: false },
        monthlyPriceCents: { type: DataTypes.BIGINT, allowNull: false },
        currency: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'usd' },
        maxProjects: DataTypes.INTEGER,
        maxAnalysesPerMonth: DataTypes.INTEGER,
        maxStorageMb: DataTypes.INTEGER,
        includesPrioritySupport: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        includesAdvancedAnalytics: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        overageAnalysisCents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'subscription_tiers', underscored: true },
    );
  }
}

export class BillingAccount extends Model<InferAttributes<BillingAccount>, InferCreationAttributes<BillingAccount>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare gatewayCustomerId: CreationOptional<string | null>;
  declare defaultPaymentMethodId: CreationOptional<string | null>;
  declare creditBalanceCents: CreationOptional<number>;
  declare currency: CreationOptional<string>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    BillingAccount.init(
      {
        id,
        userId: { type: DataTypes.UUID, allowNull: false, unique: true },
        gatewayCustomerId: DataTypes.TEXT,
        defaultPaymentMethodId: DataTypes.TEXT,
        creditBalanceCents: cents(),
        currency: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'usd' },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'billing_accounts', underscored: true },
    );
  }
}

export class Subscription extends Model<InferAttributes<Subscription>, InferCreationAttributes<Subscription>> {
  declare id: CreationOptional<string>;
  declare userId: string;
  declare tierId: string;
  declare status: CreationOptional<SubscriptionStatus>;
  /** Day of month (1–31) the periods start on; see periods.ts. */
  declare anchorDay: number;
  declare currentPeriodStart: Date;
  declare currentPeriodEnd: Date;
  declare cancelAtPeriodEnd: CreationOptional<boolean>;
  declare cancelledAt: CreationOptional<Date | null>;
  /** A downgrade waiting for the period end. */
  declare scheduledTierId: CreationOptional<string | null>;
  /** The paid tier the customer left for Free (cancellation or failed dunning); cleared by an upgrade. */
  declare churnedFromTierId: CreationOptional<string | null>;
  declare churnedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Subscription.init(
      {
        id,
        userId: { type: DataTypes.UUID, allowNull: false },
        tierId: { type: DataTypes.UUID, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'active' },
        anchorDay: { type: DataTypes.SMALLINT, allowNull: false },
        currentPeriodStart: { type: DataTypes.DATE, allowNull: false },
        currentPeriodEnd: { type: DataTypes.DATE, allowNull: false },
        cancelAtPeriodEnd: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        cancelledAt: DataTypes.DATE,
        scheduledTierId: DataTypes.UUID,
        churnedFromTierId: DataTypes.UUID,
        churnedAt: DataTypes.DATE,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'subscriptions', underscored: true },
    );
  }
}

export class UsageRecord extends Model<InferAttributes<UsageRecord>, InferCreationAttributes<UsageRecord>> {
  declare id: CreationOptional<string>;
  declare subscriptionId: string;
  declare metric: UsageMetric;
  declare quantity: number;
  /** Start of the billing period the usage counts towards. */
  declare periodStart: Date;
  declare idempotencyKey: string;
  declare recordedAt: Date;

  static initModel(sequelize: Sequelize): void {
    UsageRecord.init(
      {
        id,
        subscriptionId: { type: DataTypes.UUID, allowNull: false },
        metric: { type: DataTypes.TEXT, allowNull: false },
        quantity: { type: DataTypes.BIGINT, allowNull: false },
        periodStart: { type: DataTypes.DATE, allowNull: false },
        idempotencyKey: { type: DataTypes.TEXT, allowNull: false, unique: true },
        recordedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { sequelize, tableName: 'usage_records', underscored: true, timestamps: false },
    );
  }
}

export class Invoice extends Model<InferAttributes<Invoice>, InferCreationAttributes<Invoice>> {
  declare id: CreationOptional<string>;
  /** INV-YYYY-NNNNNN from a sequence (column default). */
  declare number: CreationOptional<string>;
  declare subscriptionId: string;
  declare kind: CreationOptional<(typeof INVOICE_KINDS)[number]>;
  declare periodStart: Date;
  declare periodEnd: Date;
  declare subtotalCents: CreationOptional<number>;
  declare taxCents: CreationOptional<number>;
  declare totalCents: CreationOptional<number>;
  declare overageChargesCents: CreationOptional<number>;
  declare creditAppliedCents: CreationOptional<number>;
  declare currency: CreationOptional<string>;
  declare status: CreationOptional<InvoiceStatus>;
  declare attemptCount: CreationOptional<number>;
  declare nextAttemptAt: CreationOptional<Date | null>;
  declare paidAt: CreationOptional<Date | null>;
  /** Refunded so far (admin refunds through the gateway); the invoice is `refunded` once it reaches what was paid. */
  declare refundedCents: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Invoice.init(
      {
        id,
        // The database fills it from invoice_number_seq; Sequelize must not send NULL.
        number: { type: DataTypes.TEXT, allowNull: false, defaultValue: sequelize.literal(`('INV-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('invoice_number_seq')::text, 6, '0'))`) },
        subscriptionId: { type: DataTypes.UUID, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'regular' },
        periodStart: { type: DataTypes.DATE, allowNull: false },
        periodEnd: { type: DataTypes.DATE, allowNull: false },
        subtotalCents: cents(),
        taxCents: cents(),
        totalCents: cents(),
        overageChargesCents: cents(),
        creditAppliedCents: cents(),
        currency: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'usd' },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'draft' },
        attemptCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        nextAttemptAt: DataTypes.DATE,
        paidAt: DataTypes.DATE,
        refundedCents: cents(),
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'invoices', underscored: true },
    );
  }
}

export class InvoiceItem extends Model<InferAttributes<InvoiceItem>, InferCreationAttributes<InvoiceItem>> {
  declare id: CreationOptional<string>;
  declare invoiceId: string;
  declare description: string;
  declare quantity: CreationOptional<number>;
  declare unitPriceCents: number;
  declare totalCents: number;
  declare itemType: (typeof INVOICE_ITEM_TYPES)[number];
  /** The service period the line bills (a plan fee, overage or proration); null for credit and tax. */
  declare periodStart: CreationOptional<Date | null>;
  declare periodEnd: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    InvoiceItem.init(
      {
        id,
        invoiceId: { type: DataTypes.UUID, allowNull: false },
        description: { type: DataTypes.TEXT, allowNull: false },
        quantity: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 1 },
        unitPriceCents: { type: DataTypes.BIGINT, allowNull: false },
        totalCents: { type: DataTypes.BIGINT, allowNull: false },
        itemType: { type: DataTypes.TEXT, allowNull: false },
        periodStart: { type: DataTypes.DATE, allowNull: true },
        periodEnd: { type: DataTypes.DATE, allowNull: true },
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'invoice_items', underscored: true, updatedAt: false },
    );
  }
}

export class PaymentAttempt extends Model<InferAttributes<PaymentAttempt>, InferCreationAttributes<PaymentAttempt>> {
  declare id: CreationOptional<string>;
  declare invoiceId: string;
  declare gateway: string;
  declare gatewayPaymentId: CreationOptional<string | null>;
  declare idempotencyKey: string;
  declare status: 'pending' | 'succeeded' | 'failed';
  declare failureCode: CreationOptional<string | null>;
  declare failureMessage: CreationOptional<string | null>;
  declare amountCents: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    PaymentAttempt.init(
      {
        id,
        invoiceId: { type: DataTypes.UUID, allowNull: false },
        gateway: { type: DataTypes.TEXT, allowNull: false },
        gatewayPaymentId: DataTypes.TEXT,
        idempotencyKey: { type: DataTypes.TEXT, allowNull: false, unique: true },
        status: { type: DataTypes.TEXT, allowNull: false },
        failureCode: DataTypes.TEXT,
        failureMessage: DataTypes.TEXT,
        amountCents: { type: DataTypes.BIGINT, allowNull: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'payment_attempts', underscored: true },
    );
  }
}

export class WebhookEvent extends Model<InferAttributes<WebhookEvent>, InferCreationAttributes<WebhookEvent>> {
  declare id: CreationOptional<string>;
  declare provider: string;
  declare eventId: string;
  declare type: string;
  declare payload: unknown;
  declare status: CreationOptional<(typeof WEBHOOK_EVENT_STATUSES)[number]>;
  declare error: CreationOptional<string | null>;
  declare receivedAt: Date;
  declare processedAt: CreationOptional<Date | null>;

  static initModel(sequelize: Sequelize): void {
    WebhookEvent.init(
      {
        id,
        provider: { type: DataTypes.TEXT, allowNull: false },
        eventId: { type: DataTypes.TEXT, allowNull: false, unique: true },
        type: { type: DataTypes.TEXT, allowNull: false },
        payload: { type: DataTypes.JSONB, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false, defaultValue: 'received' },
        error: DataTypes.TEXT,
        receivedAt: { type: DataTypes.DATE, allowNull: false },
        processedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'webhook_events', underscored: true, timestamps: false },
    );
  }
}

export class InvoiceRefund extends Model<InferAttributes<InvoiceRefund>, InferCreationAttributes<InvoiceRefund>> {
  declare id: CreationOptional<string>;
  declare invoiceId: string;
  declare paymentAttemptId: string;
  declare gateway: string;
  declare gatewayRefundId: CreationOptional<string | null>;
  declare idempotencyKey: string;
  declare amountCents: number;
  declare status: 'pending' | 'succeeded' | 'failed';
  declare failureCode: CreationOptional<string | null>;
  declare reason: string;
  declare actorId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    InvoiceRefund.init(
      {
        id,
        invoiceId: { type: DataTypes.UUID, allowNull: false },
        paymentAttemptId: { type: DataTypes.UUID, allowNull: false },
        gateway: { type: DataTypes.TEXT, allowNull: false },
        gatewayRefundId: DataTypes.TEXT,
        idempotencyKey: { type: DataTypes.TEXT, allowNull: false, unique: true },
        amountCents: { type: DataTypes.BIGINT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        failureCode: DataTypes.TEXT,
        reason: { type: DataTypes.TEXT, allowNull: false },
        actorId: DataTypes.UUID,
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'invoice_refunds', underscored: true },
    );
  }
}

/** Account credit given by a billing admin: the ledger behind billing_accounts.credit_balance_cents' increases. */
export class CreditGrant extends Model<InferAttributes<CreditGrant>, InferCreationAttributes<CreditGrant>> {
  declare id: CreationOptional<string>;
  declare billingAccountId: string;
  declare subscriptionId: CreationOptional<string | null>;
  declare amountCents: number;
  declare balanceAfterCents: number;
  declare reason: string;
  declare actorId: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CreditGrant.init(
      {
        id,
        billingAccountId: { type: DataTypes.UUID, allowNull: false },
        subscriptionId: DataTypes.UUID,
        amountCents: { type: DataTypes.BIGINT, allowNull: false },
        balanceAfterCents: { type: DataTypes.BIGINT, allowNull: false },
        reason: { type: DataTypes.TEXT, allowNull: false },
        actorId: DataTypes.UUID,
        createdAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'credit_grants', underscored: true, updatedAt: false },
    );
  }
}

export const BILLING_MODELS = [SubscriptionTier, BillingAccount, Subscription, UsageRecord, Invoice, InvoiceItem, PaymentAttempt, WebhookEvent, InvoiceRefund, CreditGrant];
