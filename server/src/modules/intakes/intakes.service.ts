import type { InferAttributes } from 'sequelize';
import { db } from '../../db/sequelize';
import { paginate, parseListQuery, type ListSpec } from '../../http/list-query';
import { findOwned } from '../projects/owned';
import { Intake, INTAKE_STATUSES, type IntakeStatus } from './intake.models';

export const intakesListSpec: ListSpec = {
  fields: { status: { type: 'enum', values: INTAKE_STATUSES }, company: { type: 'string' }, createdAt: { type: 'date' } },
  sortable: ['createdAt', 'updatedAt', 'customerName', 'company'],
  defaultSort: ['createdAt', 'desc'],
  search: ['customerName', 'company', 'email'],
};

export interface IntakeInput {
  customerName: string;
  company?: string;
  email: string;
  status?: IntakeStatus;
  notes?: string;
}

export function presentIntake(i: InferAttributes<Intake>) {
  return { id: i.id, customerName: i.customerName, company: i.company, email: i.email, status: i.status, notes: i.notes, createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString() };
}

/** The owner's customer intakes, one page. */
export async function listIntakes(ownerId: string, query: Record<string, unknown>) {
  const page = await paginate(Intake, parseListQuery(query, intakesListSpec), { where: { ownerId } });
  return { ...page, rows: page.rows.map(presentIntake) };
}

export async function getIntake(ownerId: string, id: string) {
  return presentIntake(await findOwned(Intake, id, ownerId, 'Intake'));
}

/** Records a new customer intake. */
export async function createIntake(ownerId: string, input: IntakeInput) {
  return presentIntake(await db().transaction((transaction) => Intake.create({ ownerId, ...input }, { transaction })));
}

export async function updateIntake(ownerId: string, id: string, input: Partial<IntakeInput>) {
  const intake = await db().transaction(async (transaction) => {
    const i = await findOwned(Intake, id, ownerId, 'Intake', { transaction, lock: true });
    return i.update(input, { transaction });
  });
  return presentIntake(intake);
}
