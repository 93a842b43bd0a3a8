/**
 * One Apache ECharts chart: only the chart types and components the dashboard draws are
 * registered (echarts/core), so the bundle carries those and no more; the page that imports this
 * is loaded lazily, so the form pages never carry ECharts. The canvas is decorative for screen
 * readers (each figure has its table); `data-rendered` is set once ECharts has drawn the option,
 * which tests and the benchmark wait for.
 */
import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** The portal's palette for series (blue, green, amber, red, grey). */
export const COLORS = ['#0b57d0', '#16a34a', '#d97706', '#dc2626', '#9ca3af', '#7c3aed'];

export function Chart({ option, height, testId }: { option: ChartOption; height: number; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = init(node, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => node.setAttribute('data-rendered', 'true'));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    el.current?.removeAttribute('data-rendered');
    chart.current?.setOption({ color: COLORS, animation: false, ...option }, true);
  }, [option]);

  return <div ref={el} className="chart" style={{ height }} data-testid={testId} aria-hidden="true" />;
}
