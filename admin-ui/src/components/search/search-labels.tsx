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

/** Snippet languages by the names and colours the portal's code tables give them. */
const LANGUAGES: Record<string, { label: string; color: string }> = {
  javascript: { label: "JavaScript", color: "gold" },
  typescript: { label: "TypeScript", color: "blue" },
  python: { label: "Python", color: "geekblue" },
  java: { label: "Java", color: "orange" },
  go: { label: "Go", color: "cyan" },
  ruby: { label: "Ruby", color: "red" },
  c: { label: "C", color: "default" },
  cpp: { label: "C++", color: "purple" },
  csharp: { label: "C#", color: "green" },
  php: { label: "PHP", color: "magenta" },
  rust: { label: "Rust", color: "volcano" },
  other: { label: "Other", color: "default" },
};

export const languageLabel = (language: string): string => LANGUAGES[language]?.label ?? language;
export const languageColor = (language: string): string => LANGUAGES[language]?.color ?? "default";

/** How identifiers are searched; the names illustrate it and need not exist in anyone's data. */
export const IDENTIFIER_HINT = (
  <>
    Words inside identifiers count: “invoice total” would find names like <code>parseInvoiceTotal</code>, <code>parse_invoice_total</code> or <code>billing.invoice.total</code>.
  </>
);
