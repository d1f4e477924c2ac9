import { Create, useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import type { Project } from '../../lib/api-types';
import { NEW_PROJECT_DEFAULTS, ProjectForm, type ProjectFormValues } from './project-form';

export default function ProjectCreate() {
  const { formProps, saveButtonProps } = useForm<Project, HttpError, ProjectFormValues>({
    resource: 'projects',
    action: 'create',
    // Straight to the new project: adding snippets happens there.
    redirect: 'show',
    successNotification: () => ({ type: 'success', message: 'Project created' }),
    errorNotification: (error) => ({ type: 'error', message: 'Could not create the project', description: error?.message }),
  });

  return (
    <Create title="New project" saveButtonProps={saveButtonProps}>
      <ProjectForm formProps={{ ...formProps, initialValues: NEW_PROJECT_DEFAULTS }} />
    </Create>
  );
}
