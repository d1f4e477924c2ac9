import { Button, Result } from "antd";
import { Link } from "react-router";

export default function NotFoundPage() {
  return (
    <Result
      status="404"
      title="Page not found"
      subTitle="There is nothing at this address. It may have moved, or the link may be mistyped."
      extra={
        <Link to="/">
          <Button type="primary">Back to the dashboard</Button>
        </Link>
      }
    />
  );
}
