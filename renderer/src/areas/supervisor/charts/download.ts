import type { ExportFile } from '../../../../../shared/common/supervisor/drill';

/** Hands an export to the browser as a download (the harness) or to the OS save dialog (Electron). */
export function downloadExport(file: ExportFile): void {
  const body = file.encoding === 'base64' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : file.data;
  const url = URL.createObjectURL(new Blob([body], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
