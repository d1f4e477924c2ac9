import type { InferAttributes } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { paginate, parseListQuery, type ListSpec } from '../../http/list-query';
import { clock } from '../../lib/clock';
import { enqueueJob } from '../../jobs/queue';
import { Project, Snippet } from '../projects/project.models';
import { findOwned } from '../projects/owned';
import { assertWithinLimit, recordUsage } from '../billing/usage';
import { track } from '../analytics/track';
import { Analysis, ANALYSIS_TYPES } from './analysis.models';
import type { AnalysisType, Analyzer } from './analyzer';

export const ANALYSIS_RUN_JOB = 'analysis.run';

export const analysesListSpec: ListSpec = {
  fields: { status: { type: 'enum', values: ['queued', 'running', 'completed', 'failed'] }, type: { type: 'enum', values: ANALYSIS_TYPES }, snippetId: { type: 'uuid' } },
  sortable: ['createdAt', 'completedAt', 'qualityScore'],
  defaultSort: ['createdAt', 'desc'],
};

export function presentAnalysis(a: InferAttributes<Analysis>) {
  return {
    id: a.id,
    projectId: a.projectId,
    snippetId: a.snippetId,
    snippetFilename: a.snippetFilename,
    type: a.type,
    status: a.status,
    qualityScore: a.qualityScore,
    bugsFound: a.bugsFound,
    confidence: a.confidence,
    summary: a.summary,
    findings: a.findings,
    error: a.error,
    createdAt: a.createdAt.toISOString(),
    startedAt: a.startedAt?.toISOString() ?? null,
    completedAt: a.completedAt?.toISOString() ?? null,
  };
}

/** Queues an analysis of one of the project's snippets, within the plan's monthly allowance; a job runs it. */
export async function requestAnalysis(ownerId: string, projectId: string, input: { snippetId: string; type: AnalysisType }) {
  const analysis = await db().transaction(async (transaction) => {
    const project = await findOwned(Project, projectId, ownerId, 'Project', { transaction });
    const snippet = await Snippet.findOne({ where: { id: input.snippetId, projectId: project.id, ownerId }, transaction });
    if (!snippet) throw AppError.validation({ snippetId: ['No such snippet in this project'] });
    await assertWithinLimit(transaction, ownerId, 'analyses_run');
    const now = clock.now();
    const a = await Analysis.create({ projectId, ownerId, snippetId: snippet.id, snippetFilename: snippet.filename, type: input.type, createdAt: now, updatedAt: now }, { transaction });
    await recordUsage(transaction, { userId: ownerId, metric: 'analyses_run', quantity: 1, idempotencyKey: `analysis:${a.id}` });
    await enqueueJob(ANALYSIS_RUN_JOB, { analysisId: a.id }, { transaction });
    await track({ type: 'analysis_run', userId: ownerId, projectId, properties: { analysisId: a.id, analysisType: input.type } }, transaction);
    return a;
  });
  return presentAnalysis(analysis);
}

/** The analyses of one of the owner's projects. */
export async function listAnalyses(ownerId: string, projectId: string, query: Record<string, unknown>) {
  await findOwned(Project, projectId, ownerId, 'Project');
  const page = await paginate(Analysis, parseListQuery(query, analysesListSpec), { where: { projectId, ownerId } });
  return { ...page, rows: page.rows.map(presentAnalysis) };
}

export async function getAnalysis(ownerId: string, id: string) {
  return presentAnalysis(await findOwned(Analysis, id, ownerId, 'Analysis'));
}

/**
 * Job: runs a queued analysis through the analyzer port. Idempotent: a finished analysis is left as it
 * is, so a redelivered job changes nothing.
 */
export async function runAnalysis(analyzer: Analyzer, analysisId: string): Promise<void> {
  const claimed = await db().transaction(async (transaction) => {
    const a = await Analysis.findByPk(analysisId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!a || a.status === 'completed' || a.status === 'failed') return null;
    await a.update({ status: 'running', startedAt: clock.now() }, { transaction });
    return a;
  });
  if (!claimed) return;
  const snippet = claimed.snippetId ? await Snippet.findByPk(claimed.snippetId) : null;
  if (!snippet) {
    await claimed.update({ status: 'failed', error: 'The snippet was deleted before the analysis ran', completedAt: clock.now() });
    return;
  }
  try {
    const result = await analyzer.analyze({ filename: snippet.filename, language: snippet.language, content: snippet.content, type: claimed.type });
    await db().transaction(async (transaction) => {
      await claimed.update({ status: 'completed', completedAt: clock.now(), qualityScore: result.qualityScore, bugsFound: result.bugsFound, confidence: result.confidence, summary: result.summary, findings: result.findings, error: null }, { transaction });
      await track({ type: 'analysis_completed', userId: claimed.ownerId, projectId: claimed.projectId, properties: { analysisId: claimed.id, analysisType: claimed.type, qualityScore: result.qualityScore, bugsFound: result.bugsFound, confidence: result.confidence } }, transaction);
    });
  } catch (err) {
    await claimed.update({ status: 'failed', completedAt: clock.now(), error: 'The analyzer failed on this snippet' });
    throw err;
  }
}
