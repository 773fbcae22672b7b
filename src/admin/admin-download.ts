/** How long a downloaded file's object URL lives: long enough for any browser to start saving it. */
const objectUrlLifetimeMs = 60_000;

/**
 * Saves `blob` as a file named `fileName`, the way a link with `download` does: through an
 * object URL on a link clicked inside `host` and removed at once. Same-origin `blob:` URLs need
 * nothing from the page's Content-Security-Policy.
 */
export function saveFile(host: HTMLElement, blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  host.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the save in some browsers before it has read the blob.
  setTimeout(() => URL.revokeObjectURL(url), objectUrlLifetimeMs);
}
