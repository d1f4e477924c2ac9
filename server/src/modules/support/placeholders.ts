/**
 * Canned responses carry placeholders such as {{customer.name}}; they are filled in on the server when an
 * agent picks a response for a ticket, so the reply box receives the final text.
 */
export const PLACEHOLDERS = {
  'customer.name': 'The customer\'s name',
  'customer.first_name': 'The customer\'s first name',
  'customer.email': 'The customer\'s e-mail',
  'agent.name': 'Your name',
  'ticket.number': 'The ticket number, e.g. T-000123',
  'ticket.subject': 'The ticket subject',
} as const;

export type PlaceholderName = keyof typeof PLACEHOLDERS;
export type PlaceholderValues = Record<PlaceholderName, string>;

const PATTERN = /\{\{\s*([a-z_]+(?:\.[a-z_]+)*)\s*\}\}/gi;

/** Placeholders used in a template that are not in the catalogue (a typo would otherwise reach a customer). */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const m of template.matchAll(PATTERN)) if (!(m[1] in PLACEHOLDERS)) unknown.add(m[1]);
  return [...unknown];
}

/** The template with every known placeholder replaced; unknown ones are left as written. */
export function renderPlaceholders(template: string, values: PlaceholderValues): string {
  return template.replace(PATTERN, (whole, name: string) => (name in values ? values[name as PlaceholderName] : whole));
}

/** The values of a ticket's placeholders. */
export function placeholderValues(input: { customerName: string; customerEmail: string; agentName: string; ticketNumber: string; ticketSubject: string }): PlaceholderValues {
  return {
    'customer.name': input.customerName,
    'customer.first_name': input.customerName.trim().split(/\s+/)[0] ?? input.customerName,
    'customer.email': input.customerEmail,
    'agent.name': input.agentName,
    'ticket.number': input.ticketNumber,
    'ticket.subject': input.ticketSubject,
  };
}
