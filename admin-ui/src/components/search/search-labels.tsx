import { CodeOutlined, ExperimentOutlined, FolderOutlined, SolutionOutlined, UserOutlined } from "@ant-design/icons";
import type { SearchType } from "./search-api";

export const TYPE_LABELS: Record<SearchType, string> = {
  project: "Projects",
  snippet: "Code",
  analysis: "Analyses",
  intake: "Intakes",
  user: "Customers",
};

export const TYPE_ICONS: Record<SearchType, React.ReactNode> = {
  project: <FolderOutlined />,
  snippet: <CodeOutlined />,
  analysis: <ExperimentOutlined />,
  intake: <SolutionOutlined />,
  user: <UserOutlined />,
};

/** Statuses each type can have, for the filter sidebar. */
export const STATUSES: Partial<Record<SearchType, string[]>> = {
  project: ["active", "completed", "archived"],
  analysis: ["queued", "running", "completed", "failed"],
  intake: ["new", "in_review", "accepted", "rejected"],
  user: ["active", "suspended"],
};


/** What a member of staff can search: user accounts and every customer's documents with search.admin, else their own documents. */
export const searchTypesFor = (everything: boolean): SearchType[] => (everything ? ["user", "project", "snippet", "analysis", "intake"] : ["project", "snippet", "analysis", "intake"]);
