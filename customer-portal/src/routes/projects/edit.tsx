import { Edit, useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import type { Project } from '../../lib/api-types';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { ProjectForm, type ProjectFormValues } from './project-form';
import { backIcon } from '../../components/back-icon';

export default function ProjectEdit() {
  const { formProps, saveButtonProps, query, mutation } = useForm<Project, HttpError, ProjectFormValues>({
    resource: 'projects',
    action: 'edit',
    redirect: 'show',
    successNotification: () => ({ type: 'success', message: 'Project saved' }),
    errorNotification: (error) => ({ type: 'error', message: 'Could not save the project', description: error?.message }),
  });

  if (query?.error?.statusCode === 404) return <NotFound title="Project not found" />;

  return (
    <Edit goBack={backIcon} title={query?.data?.data ? `Edit ${query.data.data.name}` : 'Edit project'} saveButtonProps={{ ...saveButtonProps, loading: mutation.isPending }} headerButtons={() => null}>
      {query?.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the project" />}
      <ProjectForm formProps={formProps} />
    </Edit>
  );
}
