import { useState } from 'react';
import { App } from 'antd';
import { http } from '../providers/http';

/**
 * Fetches a file the API answers as an attachment (an invoice PDF, an analytics CSV) with the session and
 * saves it under the name the server gives (or `fallbackName`). A refusal is thrown with the API's message,
 * where a plain link would only leave a failed download in the browser's list.
 */
export async function downloadFile(url: string, fallbackName = 'download'): Promise<void> {
  const res = await http.get<Blob>(url, { baseURL: '', responseType: 'blob', validateStatus: () => true });
  if (res.status >= 400) {
    let message = res.status === 401 ? 'Your session has ended. Please sign in again.' : `The download failed (${res.status}). Please try again.`;
    try {
      const body = JSON.parse(await res.data.text()) as { message?: unknown };
      if (typeof body.message === 'string' && body.message) message = body.message;
    } catch {
      // not JSON (a proxy's page): the message by status stays
    }
    throw new Error(message);
  }
  const name = /filename="?([^";]+)"?/.exec(String(res.headers['content-disposition'] ?? ''))?.[1] ?? fallbackName;
  const href = URL.createObjectURL(res.data);
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** `downloadFile` for a button: whether it is under way, and a message with the reason when it fails. */
export function useDownload(): { download: (url: string, fallbackName?: string) => Promise<void>; downloading: boolean } {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const download = async (url: string, fallbackName?: string) => {
    setDownloading(true);
    try {
      await downloadFile(url, fallbackName);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : 'The download failed.');
    } finally {
      setDownloading(false);
    }
  };
  return { download, downloading };
}
