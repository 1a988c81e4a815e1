/** The mesh in Graphviz DOT: `meshc graph --format dot | dot -Tsvg > mesh.svg`. */
import type { MeshGraph } from './model.js';

export function renderDot(graph: MeshGraph): string {
  const lines = [`digraph ${quote(graph.name)} {`, '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const s of graph.services) {
    lines.push(`  ${quote(s.name)} [label=${quote(s.label)}, shape=ellipse];`);
    lines.push(`  subgraph ${quote(`cluster_${s.name}`)} {`);
    lines.push(`    label=${quote(s.allow !== undefined ? `${s.name}\nallow: ${s.allow}` : s.name)};`);
    for (const v of s.versions) lines.push(`    ${quote(`${s.name}|${v.name}`)} [label=${quote(v.label)}];`);
    lines.push('  }');
  }
  for (const e of graph.edges) {
    const attrs = [`label=${quote(e.denied ? 'denied by authz' : e.label)}`, ...(e.denied ? ['style=dashed', 'color=red'] : [])];
    lines.push(`  ${quote(e.from)} -> ${quote(`${e.to}|${e.version}`)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function quote(s: string): string {
  return JSON.stringify(s);
}
