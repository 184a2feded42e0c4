/** Hover on template functions. */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { findTemplateRefs } from '../../shared/templates/parse';
import { functionInfo } from '../../shared/templates/functions';

export function computeHover(lines: string[], position: Position): Hover | undefined {
  const line = lines[position.line] ?? '';
  for (const ref of findTemplateRefs(line)) {
    if (position.character < ref.start || position.character > ref.end) continue;
    const info = functionInfo(ref.name);
    const value = info
      ? [`**${info.signature}**`, '', info.doc, ...(info.example ? ['', `Example: \`${info.example}\``] : [])].join(
          '\n',
        )
      : `Unknown template function \`${ref.name}\`.`;
    return {
      contents: { kind: MarkupKind.Markdown, value },
      range: { start: { line: position.line, character: ref.start }, end: { line: position.line, character: ref.end } },
    };
  }
  return undefined;
}
