/** A picture of the mesh, in Mermaid or Graphviz DOT. */
import type { MeshIR } from '../ir/types.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { meshGraph } from './model.js';

export type GraphFormat = 'mermaid' | 'dot';
export const GRAPH_FORMATS: readonly GraphFormat[] = ['mermaid', 'dot'];

export function renderGraph(mesh: MeshIR, format: GraphFormat): string {
  const graph = meshGraph(mesh);
  return format === 'dot' ? renderDot(graph) : renderMermaid(graph);
}

export { meshGraph, type MeshGraph } from './model.js';
