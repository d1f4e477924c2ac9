import PDFDocument from 'pdfkit';
import type { Writable } from 'node:stream';
import { User } from '../../users/user.models';
import { Invoice, InvoiceItem, Subscription } from '../billing.models';
import { formatCents } from '../money';

const LINE_ORDER = ['subscription', 'proration', 'overage', 'credit', 'tax'];
// Billing periods run from midnight UTC to midnight UTC: dates are read in UTC, "Oct 27 – Nov 27, 2026".
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
// The PDF's standard fonts have no thin space (Intl puts one around the range's dash).
const plain = (text: string) => text.replace(/\u2009/g, ' ');
const day = (d: Date) => plain(dateFormat.format(d));
const period = (start: Date, end: Date) => plain(dateFormat.formatRange(start, end));

/** What the invoice's period is: the billing period a month-end invoice closes, or the day of an upgrade. */
function invoicePeriodText(invoice: Pick<Invoice, 'kind' | 'periodStart' | 'periodEnd'>): string {
  if (invoice.kind === 'proration') return `Upgraded on ${day(invoice.periodStart)}`;
  return `${invoice.kind === 'regular' ? 'Closes the billing period' : 'Period'} ${period(invoice.periodStart, invoice.periodEnd)}`;
}

/** The PDF's file name, e.g. `INV-2026-000123.pdf`. */
export const invoicePdfName = (invoice: Pick<Invoice, 'number'>) => `${invoice.number}.pdf`;

/**
 * Writes an invoice as a one-page PDF (pdfkit) into `out` as it is produced: header with the number and
 * dates, the customer, the lines, then subtotal, tax, credit, total and what was refunded. Amounts come
 * from the stored invoice; nothing is recomputed. The number is also the document's title (metadata).
 */
export async function renderInvoicePdf(invoice: Invoice, out: Writable): Promise<void> {
  const subscription = await Subscription.findByPk(invoice.subscriptionId);
  const [user, items] = await Promise.all([
    subscription ? User.findByPk(subscription.userId) : null,
    InvoiceItem.findAll({ where: { invoiceId: invoice.id } }),
  ]);
  items.sort((a, b) => LINE_ORDER.indexOf(a.itemType) - LINE_ORDER.indexOf(b.itemType));
  const money = (c: number) => formatCents(c, invoice.currency);

  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}`, Author: 'Socrates', Subject: `Invoice ${invoice.number}` } });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);

  doc.fontSize(20).text('Socrates', 50, 50).fontSize(10).fillColor('#555').text('Code analysis platform');
  doc.fillColor('#000').fontSize(16).text(`Invoice ${invoice.number}`, 300, 50, { align: 'right' });
  doc.fontSize(10)
    .text(`Issued ${day(invoice.createdAt)}`, { align: 'right' })
    .text(invoicePeriodText(invoice), { align: 'right' })
    .text(`Status: ${invoice.status.toUpperCase()}${invoice.paidAt ? ` (paid ${day(invoice.paidAt)})` : ''}`, { align: 'right' });

  doc.moveDown(2).fontSize(10).text('Billed to', 50).fontSize(12).text(user?.name ?? '').fontSize(10).text(user?.email ?? '');

  const top = doc.y + 25;
  const cols = { desc: 50, qty: 340, unit: 390, total: 470 };
  doc.fontSize(9).fillColor('#555')
    .text('Description', cols.desc, top).text('Qty', cols.qty, top, { width: 40, align: 'right' })
    .text('Unit', cols.unit, top, { width: 70, align: 'right' }).text('Amount', cols.total, top, { width: 75, align: 'right' });
  doc.moveTo(50, top + 14).lineTo(545, top + 14).strokeColor('#ccc').stroke();
  doc.fillColor('#000').fontSize(10);
  let y = top + 22;
  for (const it of items) {
    const h = doc.heightOfString(it.description, { width: 280 });
    doc.text(it.description, cols.desc, y, { width: 280 })
      .text(String(it.quantity), cols.qty, y, { width: 40, align: 'right' })
      .text(money(it.unitPriceCents), cols.unit, y, { width: 70, align: 'right' })
      .text(money(it.totalCents), cols.total, y, { width: 75, align: 'right' });
    y += Math.max(h, 12);
    if (it.periodStart && it.periodEnd) {
      doc.fontSize(8).fillColor('#555').text(period(it.periodStart, it.periodEnd), cols.desc, y + 1, { width: 280 }).fontSize(10).fillColor('#000');
      y += 11;
    }
    y += 8;
  }
  doc.moveTo(50, y).lineTo(545, y).strokeColor('#ccc').stroke();
  y += 10;
  const total = (label: string, value: string, bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(label, 340, y, { width: 120, align: 'right' }).text(value, cols.total, y, { width: 75, align: 'right' });
    y += 16;
  };
  total('Subtotal', money(invoice.subtotalCents));
  if (invoice.creditAppliedCents > 0) total('Credit applied', money(-invoice.creditAppliedCents));
  total('Tax', money(invoice.taxCents));
  total('Total', money(invoice.totalCents), true);
  if (invoice.refundedCents > 0) total('Refunded', money(-invoice.refundedCents));

  doc.font('Helvetica').fontSize(8).fillColor('#777').text('Amounts in ' + invoice.currency.toUpperCase() + '. Thank you for using Socrates.', 50, 760, { align: 'center', width: 495 });
  doc.end();
  await done;
}
