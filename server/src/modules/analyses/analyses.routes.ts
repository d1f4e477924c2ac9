import { z } from 'zod';
import type { Api } from '../../http/route';
import { listQueryDoc } from '../../http/list-query';
import { ANALYSIS_TYPES } from './analysis.models';
import { analysesListSpec, getAnalysis, listAnalyses, requestAnalysis } from './analyses.service';

const idParams = z.object({ id: z.string().uuid() });
const finding = z.object({ line: z.number(), column: z.number().optional(), rule: z.string(), severity: z.string(), message: z.string(), category: z.string() });
const analysisSchema = z
  .object({ id: z.string(), projectId: z.string(), snippetId: z.string().nullable(), snippetFilename: z.string(), type: z.string(), status: z.string(), qualityScore: z.number().nullable(), bugsFound: z.number().nullable(), confidence: z.number().nullable(), summary: z.string().nullable(), findings: z.array(finding), error: z.string().nullable(), createdAt: z.string(), startedAt: z.string().nullable(), completedAt: z.string().nullable() })
  .meta({ id: 'Analysis' });

export function analysisRoutes(api: Api): void {
  const tags = ['Analyses'];
  api.route({
    method: 'post', path: '/projects/:id/analyses', tags, status: 202, summary: 'Queue an analysis of a snippet; poll it until completed',
    params: idParams, body: z.strictObject({ snippetId: z.string().uuid('Choose a snippet'), type: z.enum(ANALYSIS_TYPES, { error: `Use one of: ${ANALYSIS_TYPES.join(', ')}` }) }), response: analysisSchema,
    handler: ({ auth, params, body }) => requestAnalysis(auth.user.id, params.id, body),
  });
  api.route({ method: 'get', path: '/projects/:id/analyses', tags, list: true, summary: 'The analyses of a project (simple-rest)', params: idParams, query: listQueryDoc(analysesListSpec), response: analysisSchema, handler: ({ auth, params, req }) => listAnalyses(auth.user.id, params.id, req.query as Record<string, unknown>) });
  api.route({ method: 'get', path: '/analyses/:id', tags, summary: 'One analysis with its findings', params: idParams, response: analysisSchema, handler: ({ auth, params }) => getAnalysis(auth.user.id, params.id) });
}
