import { Edit, useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import type { Intake } from '../../lib/api-types';
import { NotFound } from '../../components/not-found';
import { QueryError } from '../../components/query-error';
import { IntakeForm, type IntakeFormValues } from './intake-form';
import { backIcon } from '../../components/back-icon';

export default function IntakeEdit() {
  const { formProps, saveButtonProps, query, mutation } = useForm<Intake, HttpError, IntakeFormValues>({
    resource: 'intakes',
    action: 'edit',
    redirect: 'show',
    successNotification: () => ({ type: 'success', message: 'Intake saved' }),
    errorNotification: (error) => ({ type: 'error', message: 'Could not save the intake', description: error?.message }),
  });

  if (query?.error?.statusCode === 404) return <NotFound title="Intake not found" />;

  return (
    <Edit
      goBack={backIcon}
      title={query?.data?.data ? `Edit intake: ${query.data.data.customerName}` : 'Edit intake'}
      saveButtonProps={{ ...saveButtonProps, loading: mutation.isPending }}
      headerButtons={() => null}
    >
      {query?.isError && <QueryError error={query.error} onRetry={() => query.refetch()} title="Could not load the intake" />}
      <IntakeForm formProps={formProps} />
    </Edit>
  );
}
