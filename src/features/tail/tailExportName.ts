/** The file name an export suggests (no vscode: unit-tested). */

/** `orders-2026-12-02T01-41-21.ndjson`: the topic (made safe for a file name) and the local time. */
export function exportFileName(topic: string, at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time =
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}` +
    `T${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
  return `${topic.replace(/[^\w.-]/g, '_')}-${time}.ndjson`;
}
