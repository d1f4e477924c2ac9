import { Card, Result, Typography } from "antd";
import type { ReactNode } from "react";
import { List } from "@refinedev/antd";

interface ComingSoonProps {
  /** What this section will show once it is built, in a sentence fragment. */
  description: string;
  icon?: ReactNode;
  /** What the section offers already, shown above the placeholder. */
  children?: ReactNode;
}

/** The placeholder for a console section whose screens have not been built yet. */
export function ComingSoon({ description, icon, children }: ComingSoonProps) {
  return (
    <List>
      {children}
      <Card>
        <Result
          icon={icon}
          status={icon ? undefined : "info"}
          title="Coming soon"
          subTitle={
            <Typography.Paragraph type="secondary" style={{ maxWidth: 520, margin: "0 auto" }}>
              This section will show {description}.
            </Typography.Paragraph>
          }
        />
      </Card>
    </List>
  );
}
