import { Create, useForm } from '@refinedev/antd';
import type { HttpError } from '@refinedev/core';
import type { Intake } from '../../lib/api-types';
import { IntakeForm, NEW_INTAKE_DEFAULTS, type IntakeFormValues } from './intake-form';
import { backIcon } from '../../components/back-icon';

export default function IntakeCreate() {
  const { formProps, saveButtonProps, mutation } = useForm<Intake, HttpError, IntakeFormValues>({
    resource: 'intakes',
    action: 'create',
    redirect: 'show',
    successNotification: () => ({ type: 'success', message: 'Intake created' }),
    errorNotification: (error) => ({ type: 'error', message: 'Could not create the intake', description: error?.message }),
  });

  return (
    <Create goBack={backIcon} title="New intake" saveButtonProps={{ ...saveButtonProps, loading: mutation.isPending }}>
      <IntakeForm formProps={{ ...formProps, initialValues: NEW_INTAKE_DEFAULTS }} />
    </Create>
  );
}
