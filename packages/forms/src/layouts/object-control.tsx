import {
  Generate,
  isObjectControl,
  type OwnPropsOfRenderer,
  rankWith,
  type UISchemaElement,
} from '@jsonforms/core';
import { JsonFormsDispatch } from '@jsonforms/react';
import { useMemo } from 'react';
import { useControl } from '../controls/use-control';

/** An object without its own layout: a group of its properties, laid out by JSON Forms' generator. */
export function ObjectControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const uischema = useMemo(
    () => Generate.uiSchema(c.schema as never, 'Group', undefined, c.schema as never) as UISchemaElement,
    [c.schema],
  );
  const labelled = useMemo(() => ({ ...uischema, label: c.label }) as UISchemaElement, [uischema, c.label]);
  return (
    <JsonFormsDispatch
      uischema={labelled}
      schema={c.schema as never}
      path={c.pointer.slice(1).split('/').join('.')}
      renderers={props.renderers}
      cells={props.cells}
    />
  );
}

/** Anything no renderer claims: shown, read-only, so nothing is silently missing. */
export function UnknownControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  return (
    <div className="sb-unknown">
      <strong>{c.label}</strong>：暂不支持在线编辑此类字段（{String(c.schema.type ?? '未知类型')}
      ），可通过导入草稿填写。
    </div>
  );
}

export const objectControlEntry = { tester: rankWith(2, isObjectControl), renderer: ObjectControl };
