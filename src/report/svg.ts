/**
 * Server-side SVG rendering of an ECharts option (no DOM): the one path by which the CLI, the HTML report and
 * the dashboard turn a chart option into SVG. Animation is off so output is deterministic.
 */
import * as echarts from "echarts";

export interface SvgSize {
  width?: number;
  height?: number;
}

export function renderSvg(option: echarts.EChartsCoreOption, { width = 900, height = 420 }: SvgSize = {}): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
