/** What part of a document a selection needs, for cutting one operation out of another. */
import { visit, type ASTNode, type FragmentDefinitionNode } from 'graphql';

export interface SelectionUsage {
  /** Names of the variables used, through fragment spreads. */
  variables: Set<string>;
  /** Names of the fragments spread, directly or through other fragments. */
  fragments: Set<string>;
}

/**
 * The variables and fragments `node` uses, following fragment spreads (each fragment
 * once, so recursive fragments end). graphql-js rejects an operation that declares a
 * variable or fragment it does not use, so a cut-out operation must carry exactly these.
 */
export function selectionUsage(node: ASTNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): SelectionUsage {
  const used: SelectionUsage = { variables: new Set(), fragments: new Set() };
  const walk = (n: ASTNode): void => {
    visit(n, {
      Variable: (v) => void used.variables.add(v.name.value),
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        const fragment = fragments.get(name);
        if (used.fragments.has(name)) return;
        used.fragments.add(name);
        if (fragment) walk(fragment);
      },
    });
  };
  walk(node);
  return used;
}
