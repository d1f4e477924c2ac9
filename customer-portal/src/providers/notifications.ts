import { App } from 'antd';
import type { NotificationProvider } from '@refinedev/core';

/**
 * Refine's toasts through antd's App-scoped notification API. Written here rather than taken from
 * @refinedev/antd so the entry chunk does not pull that whole package (its index is one module that
 * also drags in react-markdown and pro-layout); mutations are pessimistic, so no undo toasts.
 */
export function useNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  return {
    open: ({ key, message, description, type }) => {
      notification.open({
        key,
        message,
        description,
        type: type === 'progress' ? 'info' : type,
        duration: type === 'error' ? 8 : 3,
        placement: 'bottomRight',
      });
    },
    close: (key) => notification.destroy(key),
  };
}
