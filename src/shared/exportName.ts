/** The file names exports suggest (no vscode: unit-tested). */

/** `orders-2026-12-02T01-41-21.ndjson`: the name (made safe for a file name), the local time and the extension. */
export function exportFileName(name: string, at: Date, extension: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `${name.replace(/[^\w.-]/g, '_')}-${time}.${extension}`;
}
