import type { Transaction } from 'sequelize';
import { OutboxEmail } from './mail.models';
import { enqueueJob } from '../../jobs/queue';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** A stable name for the kind of message (password_reset, receipt, …) so tests and the console can find it. */
  template: string;
}

/** The port an SMTP (or any other) delivery sits behind. */
export interface EmailTransport {
  deliver(message: EmailMessage): Promise<void>;
}

let transport: EmailTransport | null = null;

/** Chosen once at start-up: null keeps mail in the outbox table only. */
export function setEmailTransport(t: EmailTransport | null): void {
  transport = t;
}

export const EMAIL_DELIVER_JOB = 'email.deliver';

/**
 * Queues an e-mail inside the caller's transaction: the outbox row (readable in the console) commits with
 * the action that caused it, and delivery runs as a job only once it has.
 */
export async function sendEmail(message: EmailMessage, transaction?: Transaction): Promise<OutboxEmail> {
  const row = await OutboxEmail.create(
    { toAddress: message.to, subject: message.subject, textBody: message.text, template: message.template, status: transport ? 'pending' : 'stored' },
    { transaction },
  );
  if (transport) await enqueueJob(EMAIL_DELIVER_JOB, { emailId: row.id }, { transaction });
  return row;
}

/** Job handler: hands one pending outbox e-mail to the transport. */
export async function deliverEmail(emailId: string): Promise<void> {
  const row = await OutboxEmail.findByPk(emailId);
  if (!row || row.status !== 'pending' || !transport) return;
  try {
    await transport.deliver({ to: row.toAddress, subject: row.subject, text: row.textBody, template: row.template });
    await row.update({ status: 'sent', sentAt: new Date(), error: null });
  } catch (err) {
    await row.update({ error: err instanceof Error ? err.message : String(err) });
    throw err; // pg-boss retries
  }
}
