import { Button, Result } from "antd";
import { Link } from "react-router";

/** Shown instead of a section the signed-in role may not use (the server would answer 403 anyway). */
export function NoAccess() {
  return (
    <Result
      status="403"
      title="No access"
      subTitle="Your role does not include this section. Ask a super admin if you need it."
      extra={
        <Link to="/">
          <Button type="primary">Back to the dashboard</Button>
        </Link>
      }
    />
  );
}
