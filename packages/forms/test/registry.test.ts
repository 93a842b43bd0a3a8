/**
 * One registration reaches the form, a table row and the print page (issue 12): an entry for a
 * custom format (`format: "percent"`, shown as 「45%」) is registered once, with its tester, and
 * each place asks the registry (highest-ranked tester wins) instead of a list of its own.
 */
import { and, isNumberControl, type OwnPropsOfRenderer, rankWith, schemaMatches } from '@jsonforms/core';
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MINI_DIR, programAt } from '../../../test/support/programs';
import { useControl } from '../src/controls/use-control';
import type { ShenbaoEntry } from '../src/fields/entry';
import { fieldEntries } from '../src/fields/kinds';
import { useStoreValue } from '../src/hooks';
import { shenbaoRenderers } from '../src/renderers';
import { ReviewView } from '../src/review/review-view';
import type { SchemaNode } from '../src/schema';
import { ShenbaoForm } from '../src/shenbao-form';
import { FormStore } from '../src/store/form-store';
import { columnsOf } from '../src/table/columns';
import { textCell } from '../src/table/table-cell';
import { numberText, parseNumber } from '../src/values';

const program = programAt(MINI_DIR);
// A programme that uses the format declares it to its validator, as any format.
program.validator.ajv.addFormat('percent', { type: 'number', validate: (n: number) => n >= 0 && n <= 100 });

const schema: SchemaNode = {
  type: 'object',
  properties: {
    share: { type: 'number', format: 'percent', title: '持股比例' },
    capital: { type: 'number', title: '注册资本（万元）' },
    holders: {
      type: 'array',
      title: '股东',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', title: '股东名称' },
          share: { type: 'number', format: 'percent', title: '持股比例' },
        },
      },
    },
  },
};
const uischema = {
  type: 'VerticalLayout',
  elements: [
    { type: 'Control', scope: '#/properties/share' },
    { type: 'Control', scope: '#/properties/capital' },
    { type: 'Control', scope: '#/properties/holders' },
  ],
};
const data = { share: 45, capital: 1200, holders: [{ name: '东莞甲公司', share: 30 }] };

const percentText = (v: unknown): string => (typeof v === 'number' ? `${numberText(v)}%` : '');
const parsePercent = (t: string): unknown => parseNumber(t.replace(/[%％]\s*$/, ''));

/** The form control: the value as 「45%」 (enough to see which renderer JSON Forms chose). */
function PercentControl(props: OwnPropsOfRenderer) {
  const c = useControl(props);
  const value = useStoreValue(c.pointer);
  return h('output', { 'data-percent': c.pointer }, `${c.label}：${percentText(value)}`);
}

// JSON Forms' `formatIs` is for strings only.
const isPercent = schemaMatches((s) => s.format === 'percent');

/** Registered once: form control, table cell and print text under one tester. */
const percent: ShenbaoEntry = {
  tester: rankWith(5, and(isNumberControl, isPercent)),
  renderer: PercentControl,
  cell: {
    kind: 'percent',
    width: 100,
    component: textCell({ parse: parsePercent, show: percentText, inputMode: 'decimal' }),
  },
  text: (v) => percentText(v),
};

const form = (renderers?: ShenbaoEntry[]): string =>
  renderToStaticMarkup(
    h(ShenbaoForm, { program, form: 'apply', schema, uischema, store: new FormStore(data), renderers }),
  );
const print = (renderers?: ShenbaoEntry[]): string =>
  renderToStaticMarkup(h(ReviewView, { program, schema, uischema, data, renderers }));

/** The text of the element carrying `attr="value"` (a cell's stand-in box, a print cell). */
function textAt(html: string, attr: string, value: string): string | undefined {
  const m = new RegExp(`<(\\w+)[^>]*\\s${attr}="${value}"[^>]*>([^<]*)</\\1>`).exec(html);
  return m?.[2];
}

describe('一次注册，表单、表格、打印三处通用', () => {
  it('the form: JSON Forms dispatches the registered control for a percent field', () => {
    const html = form([percent]);
    expect(textAt(html, 'data-percent', '/share')).toBe('持股比例：45%');
    // Other numbers keep their own control (万元 amounts).
    expect(html).toContain('万元');
  });

  it('a table row: the percent column is edited in the registered cell (「30%」), chosen once per column', () => {
    const html = form([percent]);
    expect(textAt(html, 'data-path', '/holders/0/share')).toBe('30%');
    expect(textAt(html, 'data-path', '/holders/0/name')).toBe('东莞甲公司');
    const items = (schema.properties as Record<string, SchemaNode>).holders?.items as SchemaNode;
    const [name, share] = columnsOf(program, schema, items, [...shenbaoRenderers, percent]);
    expect(name?.kind).toBe('text');
    expect(share?.kind).toBe('percent');
    expect(share?.text(12.5)).toBe('12.5%');
  });

  it('the print page: the field and the table cell read 「45%」 and 「30%」', () => {
    const html = print([percent]);
    expect(html).toContain('<div class="sb-review-key">持股比例</div><div class="sb-review-value">45%</div>');
    expect(html).toContain('<td>东莞甲公司</td><td>30%</td>');
    expect(html).toContain('<div class="sb-review-value">1,200</div>');
  });

  it('without the registration each place shows a plain number: the entry is what changed them', () => {
    const html = form();
    expect(html).not.toContain('data-percent');
    expect(textAt(html, 'data-path', '/holders/0/share')).toBe('30');
    expect(print()).toContain('<td>东莞甲公司</td><td>30</td>');
  });

  it('an entry with a higher rank wins in every place; one with only a control falls back to the built-in cell and text', () => {
    const controlOnly: ShenbaoEntry = { tester: percent.tester, renderer: PercentControl };
    const items = (schema.properties as Record<string, SchemaNode>).holders?.items as SchemaNode;
    const share = columnsOf(program, schema, items, [...fieldEntries, controlOnly])[1];
    expect(share?.kind).toBe('number');
    expect(share?.text(30)).toBe('30');
    const louder: ShenbaoEntry = { ...percent, tester: rankWith(6, isPercent), text: () => '百分之三十' };
    expect(columnsOf(program, schema, items, [...fieldEntries, percent, louder])[1]?.text(30)).toBe(
      '百分之三十',
    );
  });
});
