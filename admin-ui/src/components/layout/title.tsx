import { ThemedTitle } from "@refinedev/antd";
import type { RefineLayoutThemedTitleProps } from "@refinedev/antd";
import { SafetyCertificateFilled } from "@ant-design/icons";

/** The sidebar's product name. */
export function Title({ collapsed }: RefineLayoutThemedTitleProps) {
  return <ThemedTitle collapsed={collapsed} text="Socrates Ops" icon={<SafetyCertificateFilled style={{ fontSize: 22 }} />} />;
}
