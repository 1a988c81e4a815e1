/** What a semantic rule sees (the assembled model) and how it reports. */
import { diagnostic, type Diagnostic, type RelatedInformation, type SourceSpan } from '../diagnostics/diagnostic.js';
import type { DiagnosticName } from '../diagnostics/codes.js';
import type { MeshModel, NodeRef } from '../dsl/model.js';
import { spanAt, type Target } from '../dsl/positions.js';

export interface Report {
  /** Where the problem is; absent only when the input holds no document at all. */
  readonly at: NodeRef | undefined;
  /** Point at the key that introduces the node rather than its value. */
  readonly target?: Target;
  readonly message: string;
  readonly hint?: string | undefined;
  readonly related?: readonly { readonly message: string; readonly at: NodeRef; readonly target?: Target }[];
}

export interface RuleContext {
  readonly model: MeshModel;
  report(name: DiagnosticName, report: Report): void;
}

export interface Rule {
  /** Equals the file name and the name of the diagnostic it reports. */
  readonly id: DiagnosticName;
  /**
   * What the rule's findings depend on, so that a long-running compiler can keep them
   * (validate.ts): `document`, each document alone; `service`, each service alone with the
   * defaults and the mesh block. Absent: the mesh as a whole, checked every time.
   */
  readonly scope?: 'document' | 'service';
  check(context: RuleContext): void;
}

export function locate(at: NodeRef, target: Target = 'value'): SourceSpan {
  return spanAt(at.doc, at.path, target);
}

/** Two reports of one code, position and message are one diagnostic. */
export function diagnosticKey(name: string, location: SourceSpan | undefined, message: string): string {
  return `${name}|${location?.file}|${location?.line}|${location?.column}|${message}`;
}

/** A context that collects diagnostics, reporting each position and code once. */
export function createRuleContext(model: MeshModel): { context: RuleContext; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const context: RuleContext = {
    model,
    report(name, r) {
      const location = r.at ? locate(r.at, r.target) : undefined;
      const key = diagnosticKey(name, location, r.message);
      if (seen.has(key)) return;
      seen.add(key);
      const related: RelatedInformation[] = (r.related ?? []).map((x) => ({
        message: x.message,
        location: locate(x.at, x.target),
      }));
      diagnostics.push(diagnostic(name, { message: r.message, location, hint: r.hint, related }));
    },
  };
  return { context, diagnostics };
}
