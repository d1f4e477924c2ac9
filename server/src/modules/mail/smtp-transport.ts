import nodemailer from 'nodemailer';
import type { EmailMessage, EmailTransport } from './mailer';

/** Delivers through any SMTP server (SMTP_URL, e.g. smtp://user:pass@host:587). */
export class SmtpTransport implements EmailTransport {
  private readonly transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(url);
  }

  async deliver(message: EmailMessage): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }
}
