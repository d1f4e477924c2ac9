import { z } from 'zod';
import type { Api } from '../../http/route';
import { listQueryDoc } from '../../http/list-query';
import { INTAKE_STATUSES } from './intake.models';
import { createIntake, getIntake, intakesListSpec, listIntakes, updateIntake } from './intakes.service';

const idParams = z.object({ id: z.string().uuid() });
const intakeSchema = z.object({ id: z.string(), customerName: z.string(), company: z.string(), email: z.string(), status: z.string(), notes: z.string(), createdAt: z.string(), updatedAt: z.string() }).meta({ id: 'Intake' });
const createBody = z.strictObject({
  customerName: z.string().trim().min(1, 'Required').max(120),
  company: z.string().trim().max(120).optional(),
  email: z.string().trim().toLowerCase().max(254).email('Enter a valid e-mail address'),
  status: z.enum(INTAKE_STATUSES).optional(),
  notes: z.string().max(10_000).optional(),
});

export function intakeRoutes(api: Api): void {
  const tags = ['Customer intakes'];
  api.route({ method: 'get', path: '/intakes', tags, list: true, summary: 'Your customer intakes (simple-rest)', query: listQueryDoc(intakesListSpec), response: intakeSchema, handler: ({ auth, req }) => listIntakes(auth.user.id, req.query as Record<string, unknown>) });
  api.route({ method: 'post', path: '/intakes', tags, summary: 'Record a customer intake', body: createBody, response: intakeSchema, handler: ({ auth, body }) => createIntake(auth.user.id, body) });
  api.route({ method: 'get', path: '/intakes/:id', tags, summary: 'One intake', params: idParams, response: intakeSchema, handler: ({ auth, params }) => getIntake(auth.user.id, params.id) });
  api.route({ method: 'patch', path: '/intakes/:id', tags, summary: 'Change an intake', params: idParams, body: createBody.partial(), response: intakeSchema, handler: ({ auth, params, body }) => updateIntake(auth.user.id, params.id, body) });
}
