import { useState } from "react";
import { App } from "antd";
import { errorFromResponse, http } from "../providers/http";

/**
 * Fetches a file the API answers as an attachment (a CSV export) with the session, then saves it under the
 * name the server gives. A refusal (an ended session, a filter the server rejects) is thrown as the API's
 * error instead of replacing the console with the raw answer, as a plain link would.
 */
export async function downloadFile(url: string): Promise<void> {
  const res = await http.get<Blob>(url, { baseURL: "", responseType: "blob", validateStatus: () => true });
  if (res.status >= 400) {
    const text = await res.data.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (a proxy's page): the message then comes from the status
    }
    throw errorFromResponse(res.status, body);
  }
  const disposition = String(res.headers["content-disposition"] ?? "");
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? "export.csv";
  const href = URL.createObjectURL(res.data);
  const link = document.createElement("a");
  link.href = href;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** `downloadFile` for a button: whether it is under way, and a toast with the reason when it fails. */
export function useDownload(): { download: (url: string) => Promise<void>; downloading: boolean } {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const download = async (url: string) => {
    setDownloading(true);
    try {
      await downloadFile(url);
    } catch (err) {
      message.error(err instanceof Error ? err.message : "The download failed.");
    } finally {
      setDownloading(false);
    }
  };
  return { download, downloading };
}
