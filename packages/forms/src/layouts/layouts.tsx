import { type OwnPropsOfRenderer, rankWith, uiTypeIs } from '@jsonforms/core';
import { useId } from 'react';
import { Child, childrenOf } from './dispatch';

export function VerticalLayout(props: OwnPropsOfRenderer) {
  return (
    <div className="sb-vertical">
      {childrenOf(props.uischema).map((el, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: layout elements are a fixed list
        <Child key={i} element={el} parent={props} />
      ))}
    </div>
  );
}

export function HorizontalLayout(props: OwnPropsOfRenderer) {
  return (
    <div className="sb-horizontal">
      {childrenOf(props.uischema).map((el, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: layout elements are a fixed list
        <div key={i} className="sb-horizontal-item">
          <Child element={el} parent={props} />
        </div>
      ))}
    </div>
  );
}

export function GroupLayout(props: OwnPropsOfRenderer) {
  const id = useId();
  const label = (props.uischema as { label?: string }).label;
  return (
    <fieldset className="sb-group" aria-labelledby={label ? id : undefined}>
      {label && (
        <legend id={id} className="sb-group-title">
          {label}
        </legend>
      )}
      {childrenOf(props.uischema).map((el, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: layout elements are a fixed list
        <Child key={i} element={el} parent={props} />
      ))}
    </fieldset>
  );
}

export function LabelElement(props: OwnPropsOfRenderer) {
  const text = (props.uischema as { text?: string }).text;
  return <p className="sb-label">{text}</p>;
}

export const verticalLayoutEntry = {
  tester: rankWith(1, uiTypeIs('VerticalLayout')),
  renderer: VerticalLayout,
};
export const horizontalLayoutEntry = {
  tester: rankWith(1, uiTypeIs('HorizontalLayout')),
  renderer: HorizontalLayout,
};
export const groupLayoutEntry = { tester: rankWith(1, uiTypeIs('Group')), renderer: GroupLayout };
export const labelEntry = { tester: rankWith(1, uiTypeIs('Label')), renderer: LabelElement };
