import { CodeOutlined, ExperimentOutlined, FolderOutlined, SolutionOutlined, UserOutlined } from '@ant-design/icons';
import type { SearchType } from './search-api';

export const TYPE_LABELS: Record<SearchType, string> = {
  project: 'Projects',
  snippet: 'Code',
  analysis: 'Analyses',
  intake: 'Intakes',
  user: 'Customers',
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
  project: ['active', 'completed', 'archived'],
  analysis: ['queued', 'running', 'completed', 'failed'],
  intake: ['new', 'in_review', 'accepted', 'rejected'],
  user: ['active', 'suspended'],
};


/** What a customer can search: their own documents. */
export const SEARCH_TYPES: SearchType[] = ['project', 'snippet', 'analysis', 'intake'];

export { languageColor, languageLabel } from '../../routes/projects/snippet-languages';

/** How identifiers are searched; the names illustrate it and need not exist in anyone's data. */
export const IDENTIFIER_HINT = (
  <>
    Words inside identifiers count: “invoice total” would find names like <code>parseInvoiceTotal</code>, <code>parse_invoice_total</code> or <code>billing.invoice.total</code>.
  </>
);
