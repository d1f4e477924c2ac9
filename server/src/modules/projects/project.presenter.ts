import type { InferAttributes } from 'sequelize';
import type { Project, Snippet } from './project.models';

export function presentProject(p: InferAttributes<Project> & { snippetCount?: unknown; analysisCount?: unknown }) {
  const count = (v: unknown) => (v === undefined ? undefined : Number(v));
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    completionPercentage: p.completionPercentage,
    snippetCount: count(p.snippetCount),
    analysisCount: count(p.analysisCount),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentSnippet(s: InferAttributes<Snippet>) {
  return {
    id: s.id,
    projectId: s.projectId,
    filename: s.filename,
    language: s.language,
    content: s.content,
    sizeBytes: s.sizeBytes,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
