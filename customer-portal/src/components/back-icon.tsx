import { ArrowLeftOutlined } from '@ant-design/icons';

/**
 * The back arrow of a record's page (Refine's Show, Edit and Create `goBack`). The page header already makes
 * it a button, named "back"; Refine's default puts a second button inside that one, which screen readers
 * announce twice and keyboards reach twice.
 */
export const backIcon = <ArrowLeftOutlined />;
