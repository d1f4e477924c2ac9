import { App } from 'antd';
import type { NotificationProvider } from '@refinedev/core';

/**
 * Refine's toasts through antd's App-scoped APIs: successes as a short message at the top centre
 * (clear of the page's buttons), errors as a notification with the server's message. Written here
 * rather than taken from @refinedev/antd so the entry chunk does not pull that whole package (its
 * index is one module that drags in react-markdown and pro-layout). Mutations are pessimistic, so
 * there are no undo toasts.
 */
export function useNotificationProvider(): NotificationProvider {
  const { message: toast, notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      if (type === 'error') {
        notification.error({ key, message, description, duration: 8, placement: 'bottomRight' });
      } else {
        void toast.open({ key, type: type === 'progress' ? 'loading' : 'success', content: message, duration: 2.5 });
      }
    },
    close: (key) => {
      notification.destroy(key);
      toast.destroy(key);
    },
  };
}
