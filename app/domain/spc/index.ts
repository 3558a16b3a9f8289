// The SPC engine: XmR charts with Making Data Count rules (NHSRplotthedots
// 0.2.x behaviour) and run charts with the Anhøj and IHI rules (qicharts2).
export { analyseSeries, resolveOptions, DEFAULT_SHIFT_LENGTH, DEFAULT_TREND_LENGTH } from "./analyse";
export { describeLatest, describeAssurance, describeResult, formatNumber, type DescribeOptions } from "./describe";
export { assuranceIcon, classifySignal, variationIcon } from "./icons";
export { analyseRunChart, anhojRuns, median, IHI_SHIFT_LENGTH, IHI_TREND_LENGTH } from "./run-chart";
export { qbinomHalf } from "./binomial";
export { LIMIT_MULTIPLIER, MR_SCREEN_MULTIPLIER, TRIAL_LIMIT_POINTS, TWO_SIGMA_MULTIPLIER, rMean, segmentLimits, segmentStarts } from "./xmr";
export * from "./types";
