// SPC charts and Making Data Count icons, for the calculator, project pages and the programme board.
export { SpcChart, spcChartSummary, FOCUSABLE_POINT_LIMIT, type SpcChartProps } from "./spc-chart";
export { RunChart, describeRunChart, type RunChartProps } from "./run-chart";
export { Sparkline, sparklineSummary, type SparklineProps } from "./sparkline";
export { VariationIcon } from "./variation-icon";
export { AssuranceIcon } from "./assurance-icon";
export { SpcIconSprite } from "./icon-sprite";
export { ChartLegend, MarkSwatch } from "./marks";
export { SpcResults } from "./spc-results";
export { ChosenChart, SpcHeadline } from "./spc-reading";
export type { PdsaMarker, ChartAnnotation } from "./frame";
export { ASSURANCE_ICON_LABELS, RULE_LABELS, SPECIAL_CAUSE_LABELS, VARIATION_ICON_LABELS, pointSignalText } from "./labels";
export { TABLE_ROW_LIMIT, type DataTableView } from "./data-table";
