import dataProvider from '@refinedev/simple-rest';
import { http } from './http';

/**
 * simple-rest speaks the API's list contract (`_start`/`_end`/`_sort`/`_order`, filters, `q`,
 * `x-total-count`). It builds URLs as `${apiUrl}/${resource}` and hands them to our axios instance,
 * which already prefixes `/api` (its baseURL) — so the API URL given here is empty; `/api` would
 * request `/api/api/…`. Nested resources are plain resource names: `projects/<id>/snippets`.
 * Our instance (not simple-rest's default one) keeps the server's field errors on rejections.
 */
export const portalDataProvider = dataProvider('', http);
