import type { OwnPropsOfRenderer, UISchemaElement } from '@jsonforms/core';
import { JsonFormsDispatch } from '@jsonforms/react';
import { useRuleVisible } from '../hooks';

/** A child of a layout, shown or hidden by its own rule (evaluated against our store). */
export function Child({ element, parent }: { element: UISchemaElement; parent: OwnPropsOfRenderer }) {
  const visible = useRuleVisible(element);
  if (!visible) return null;
  return (
    <JsonFormsDispatch
      uischema={element}
      schema={parent.schema}
      path={parent.path}
      enabled={parent.enabled}
      renderers={parent.renderers}
      cells={parent.cells}
    />
  );
}

export function childrenOf(uischema: unknown): UISchemaElement[] {
  const els = (uischema as { elements?: unknown }).elements;
  return Array.isArray(els) ? (els as UISchemaElement[]) : [];
}
