import { ApiError } from '../../../shared/api/errors';
import {
  EXPORT_PATH,
  EXPORT_RUNS_HEADER,
  EXPORT_TRUNCATED_HEADER,
  type ExportRequest,
  IMPORT_FILE_NAME_HEADER,
  IMPORT_PATH,
  encodeFileNameHeader,
  exportFileName,
} from '../../../shared/api/exchange-routes';
import type { ImportSummary } from '../../../shared/domain/import-summary';
import { readApiError } from '../api/api-client';

export interface ExportResult {
  fileName: string;
  runs: number;
  /** The filter matched more runs than one export holds. */
  truncated: boolean;
  bytes: number;
}

/** Trace file upload and export download: the two streaming routes beside the JSON API. */
export interface ExchangeClient {
  /** Uploads one file into the engine's import; resolves with its summary. */
  upload(file: Blob & { name: string }, onProgress: (bytesSent: number) => void): Promise<ImportSummary>;
  /** Fetches an export (with the token) and hands it to the browser as a download. */
  download(request: ExportRequest): Promise<ExportResult>;
}

const UNREACHABLE = 'Cannot reach the Loupe engine. Is it still running?';

export function createExchangeClient(options: { token: string; baseUrl?: string }): ExchangeClient {
  const baseUrl = options.baseUrl ?? '';
  const auth = `Bearer ${options.token}`;

  const upload: ExchangeClient['upload'] = (file, onProgress) =>
    // XMLHttpRequest, not fetch: it reports upload progress. The engine imports while the bytes
    // arrive (and paces them), so bytes sent is how far the import has got.
    new Promise<ImportSummary>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${baseUrl}${IMPORT_PATH}`);
      xhr.setRequestHeader('Authorization', auth);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader(IMPORT_FILE_NAME_HEADER, encodeFileNameHeader(file.name));
      xhr.upload.onprogress = (event) => {
        onProgress(event.loaded);
      };
      xhr.onload = () => {
        if (xhr.status === 200) {
          try {
            resolve(JSON.parse(xhr.responseText) as ImportSummary);
          } catch {
            reject(new ApiError('internal', 'The engine answered the import with something unreadable.'));
          }
          return;
        }
        void readApiError(new Response(xhr.responseText, { status: xhr.status })).then(reject);
      };
      xhr.onerror = () => {
        reject(new ApiError('unavailable', UNREACHABLE));
      };
      xhr.onabort = () => {
        reject(new ApiError('unavailable', 'The upload was cancelled.'));
      };
      xhr.send(file);
    });

  const download: ExchangeClient['download'] = async (request) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${EXPORT_PATH}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: JSON.stringify(request),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError('unavailable', UNREACHABLE);
    }
    if (!response.ok) throw await readApiError(response);
    const blob = await response.blob();
    const fileName =
      fileNameOf(response.headers.get('Content-Disposition')) ??
      exportFileName({ format: request.format, traceIds: request.traceIds }, new Date());
    saveBlob(blob, fileName);
    return {
      fileName,
      runs: Number(response.headers.get(EXPORT_RUNS_HEADER) ?? 0),
      truncated: response.headers.get(EXPORT_TRUNCATED_HEADER) === '1',
      bytes: blob.size,
    };
  };

  return { upload, download };
}

/** `attachment; filename="loupe-run-abc.json"` → `loupe-run-abc.json`. */
export function fileNameOf(disposition: string | null): string | null {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m ? m[1]! : null;
}

/** Saves a blob as a download through a temporary `<a download>` (the CSP allows it: no navigation). */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the download by then; the object URL only holds memory.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
