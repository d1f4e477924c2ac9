import type { Project, Snippet } from './project.models';

export function presentProject(p: Project) {
  const count = (k: string) => (p.get(k) === undefined ? undefined : Number(p.get(k)));
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    completionPercentage: p.completionPercentage,
    snippetCount: count('snippetCount'),
    analysisCount: count('analysisCount'),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentSnippet(s: Snippet) {
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
