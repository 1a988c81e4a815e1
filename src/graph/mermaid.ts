/** The mesh as a Mermaid flowchart, for READMEs and pull requests. */
import type { MeshGraph } from './model.js';

export function renderMermaid(graph: MeshGraph): string {
  const lines = ['flowchart LR'];
  for (const s of graph.services) {
    lines.push(`  ${id(s.name)}(["${text(s.label)}"])`);
    lines.push(`  subgraph ${id(s.name, 'versions')} ["${text(s.allow !== undefined ? `${s.name} · allow: ${s.allow}` : s.name)}"]`);
    for (const v of s.versions) lines.push(`    ${id(s.name, v.name)}["${text(v.label)}"]`);
    lines.push('  end');
    lines.push(`  ${id(s.name)} --- ${id(s.name, 'versions')}`);
  }
  graph.edges.forEach((e) => {
    const arrow = e.denied ? '-. "denied by authz" .->' : e.label ? `-->|"${text(e.label)}"|` : '-->';
    lines.push(`  ${id(e.from)} ${arrow} ${id(e.to, e.version)}`);
  });
  return lines.join('\n') + '\n';
}

/** Service and version names are DNS labels, so `-` is the only character to replace. */
function id(...parts: string[]): string {
  return parts.map((p) => p.replace(/-/g, '_')).join('__');
}

function text(s: string): string {
  return s.replace(/"/g, '#quot;');
}
