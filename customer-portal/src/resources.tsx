import type { ResourceProps } from '@refinedev/core';
import { BarChartOutlined, CustomerServiceOutlined } from '@ant-design/icons';
import { CreditCardOutlined, FolderOpenOutlined, InboxOutlined, UserOutlined } from '@ant-design/icons';

/**
 * Resources are named like the API paths. Sidebar: Projects, Intakes, Billing, Account. Snippets and analyses
 * live under a project (`projects/<id>/snippets`, `projects/<id>/analyses`) and are opened directly
 * by id (`snippets/<id>`, `analyses/<id>`), so they have no sidebar entry.
 */
export const resources: ResourceProps[] = [
  {
    name: 'projects',
    list: '/projects',
    create: '/projects/create',
    edit: '/projects/:id/edit',
    show: '/projects/:id',
    meta: { label: 'Projects', icon: <FolderOpenOutlined /> },
  },
  {
    name: 'intakes',
    list: '/intakes',
    create: '/intakes/create',
    edit: '/intakes/:id/edit',
    show: '/intakes/:id',
    meta: { label: 'Intakes', icon: <InboxOutlined /> },
  },
  {
    // Plan, usage and payment methods: /api/subscriptions/* and /api/billing/*.
    name: 'billing',
    list: '/billing',
    meta: { label: 'Billing', icon: <CreditCardOutlined /> },
  },
  {
    // My tickets: /api/support/tickets.
    name: 'support',
    list: '/support',
    create: '/support/new',
    show: '/support/:id',
    meta: { label: 'Support', icon: <CustomerServiceOutlined /> },
  },
  {
    // My projects and analyses over time: /api/analytics/*.
    name: 'analytics',
    list: '/analytics',
    show: '/analytics/projects/:id',
    meta: { label: 'Analytics', icon: <BarChartOutlined /> },
  },
  {
    name: 'account',
    list: '/account',
    meta: { label: 'Account', icon: <UserOutlined /> },
  },
  {
    name: 'analyses',
    show: '/analyses/:id',
    meta: { label: 'Analyses', hide: true },
  },
  {
    name: 'snippets',
    meta: { label: 'Snippets', hide: true },
  },
];
