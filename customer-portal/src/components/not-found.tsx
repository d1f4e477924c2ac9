import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export function NotFound({ title = 'Page not found', subTitle }: { title?: string; subTitle?: string }) {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={title}
      subTitle={subTitle ?? "We couldn't find what you were looking for. It may have been moved or deleted."}
      extra={
        <Button type="primary" onClick={() => navigate('/projects')}>
          Back to projects
        </Button>
      }
    />
  );
}

export default NotFound;
