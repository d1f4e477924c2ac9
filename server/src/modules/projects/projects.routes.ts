import { z } from 'zod';
import type { Api } from '../../http/route';
import { listQueryDoc } from '../../http/list-query';
import type { Config } from '../../config';
import { createProjectBody, createSnippetBody, updateProjectBody, updateSnippetBody } from './project.schemas';
import { createProject, deleteProject, getProject, listProjects, projectsListSpec, updateProject } from './projects.service';
import { createSnippet, deleteSnippet, getSnippet, listSnippets, snippetsListSpec, updateSnippet } from './snippets.service';

const idParams = z.object({ id: z.string().uuid() });
const projectSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), status: z.string(), completionPercentage: z.number(), snippetCount: z.number().optional(), analysisCount: z.number().optional(), createdAt: z.string(), updatedAt: z.string() }).meta({ id: 'Project' });
const snippetSchema = z.object({ id: z.string(), projectId: z.string(), filename: z.string(), language: z.string(), content: z.string(), sizeBytes: z.number(), createdAt: z.string(), updatedAt: z.string() }).meta({ id: 'Snippet' });

export function projectRoutes(api: Api, config: Config): void {
  const tags = ['Projects'];
  api.route({ method: 'get', path: '/projects', tags, list: true, summary: 'Your projects (simple-rest)', query: listQueryDoc(projectsListSpec), response: projectSchema, handler: ({ auth, req }) => listProjects(auth.user.id, req.query as Record<string, unknown>) });
  api.route({ method: 'post', path: '/projects', tags, summary: 'Create a project', body: createProjectBody, response: projectSchema, handler: ({ auth, body }) => createProject(auth.user.id, body) });
  api.route({ method: 'get', path: '/projects/:id', tags, summary: 'One of your projects', params: idParams, response: projectSchema, handler: ({ auth, params }) => getProject(auth.user.id, params.id) });
  api.route({ method: 'patch', path: '/projects/:id', tags, summary: 'Change a project', params: idParams, body: updateProjectBody, response: projectSchema, handler: ({ auth, params, body }) => updateProject(auth.user.id, params.id, body) });
  api.route({ method: 'delete', path: '/projects/:id', tags, summary: 'Delete a project with its snippets and analyses', params: idParams, status: 204, handler: ({ auth, params }) => deleteProject(auth.user.id, params.id) });

  const stags = ['Snippets'];
  api.route({ method: 'get', path: '/projects/:id/snippets', tags: stags, list: true, summary: 'The snippets of a project (simple-rest)', params: idParams, query: listQueryDoc(snippetsListSpec), response: snippetSchema, handler: ({ auth, params, req }) => listSnippets(auth.user.id, params.id, req.query as Record<string, unknown>) });
  api.route({ method: 'post', path: '/projects/:id/snippets', tags: stags, summary: 'Add a snippet to a project', params: idParams, body: createSnippetBody(config.SNIPPET_MAX_BYTES), response: snippetSchema, handler: ({ auth, params, body }) => createSnippet(auth.user.id, params.id, body) });
  api.route({ method: 'get', path: '/snippets/:id', tags: stags, summary: 'One snippet', params: idParams, response: snippetSchema, handler: ({ auth, params }) => getSnippet(auth.user.id, params.id) });
  api.route({ method: 'patch', path: '/snippets/:id', tags: stags, summary: 'Change a snippet', params: idParams, body: updateSnippetBody(config.SNIPPET_MAX_BYTES), response: snippetSchema, handler: ({ auth, params, body }) => updateSnippet(auth.user.id, params.id, body) });
  api.route({ method: 'delete', path: '/snippets/:id', tags: stags, summary: 'Delete a snippet', params: idParams, status: 204, handler: ({ auth, params }) => deleteSnippet(auth.user.id, params.id) });
}
