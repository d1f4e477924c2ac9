import { useState } from 'react';
import { Create, useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import type { Project } from '../../lib/api-types';
import { isPlanLimitError, PlanLimitAlert } from '../../components/plan-limit-alert';
import { NEW_PROJECT_DEFAULTS, ProjectForm, type ProjectFormValues } from './project-form';
import { backIcon } from '../../components/back-icon';

export default function ProjectCreate() {
  // 402 plan_limit_reached is shown in the form with a way to the plans, not as a passing toast.
  const [planLimit, setPlanLimit] = useState<HttpError | null>(null);
  const { formProps, saveButtonProps, mutation } = useForm<Project, HttpError, ProjectFormValues>({
    resource: 'projects',
    action: 'create',
    // Straight to the new project: adding snippets happens there.
    redirect: 'show',
    successNotification: () => ({ type: 'success', message: 'Project created' }),
    errorNotification: (error) =>
      isPlanLimitError(error) ? false : { type: 'error', message: 'Could not create the project', description: error?.message },
    onMutationError: (error) => setPlanLimit(isPlanLimitError(error) ? error : null),
  });

  return (
    <Create goBack={backIcon} title="New project" saveButtonProps={{ ...saveButtonProps, loading: mutation.isPending }}>
      {planLimit && <PlanLimitAlert error={planLimit} style={{ maxWidth: 720 }} />}
      <ProjectForm
        formProps={{
          ...formProps,
          initialValues: NEW_PROJECT_DEFAULTS,
          onFinish: (values) => {
            setPlanLimit(null);
            return formProps.onFinish?.(values);
          },
        }}
      />
    </Create>
  );
}
