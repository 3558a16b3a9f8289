// Data sets from anhoej/qicharts2: R/sysdata.rda (Montgomery's tables as qicharts2 stores them for its tests)
// and data/*.rda (the vignette's data), copied value for value.

/** Montgomery Example 7.1 (orange-juice cans), qicharts2 tbl_07.03: nonconforming cans in samples of 50. */
export const ORANGE_JUICE_COUNTS = [
  12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6, 9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4,
  8, 5, 6, 7, 5, 6, 3, 5, 8, 7, 5, 6, 4, 5, 2, 3, 4, 7, 6, 5, 5, 3, 7, 9, 6, 10, 4, 3, 5, 8, 11, 9, 7, 3, 5, 2, 1, 4, 5, 3, 7, 6, 4, 4, 6, 8, 5, 6,
];
/** Montgomery Table 7.4 (variable sample size), qicharts2 tbl_07.04. */
export const TABLE_7_4 = {
  counts: [12, 8, 6, 9, 10, 12, 11, 16, 10, 6, 20, 15, 9, 8, 6, 8, 10, 7, 5, 8, 5, 8, 10, 6, 9],
  sizes: [100, 80, 80, 100, 110, 110, 100, 100, 90, 90, 110, 120, 120, 120, 110, 80, 80, 80, 90, 100, 100, 100, 100, 90, 90],
};
/** Montgomery Example 7.3 (nonconformities in printed circuit boards, 100 boards each), qicharts2 tbl_07.08. */
export const CIRCUIT_BOARD_COUNTS = [
  21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15, 16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22,
  19, 12, 14, 9, 16, 21,
];
/** Montgomery Example 7.4 (nonconformities per computer), qicharts2 tbl_07.10: counts over size 50. */
export const TABLE_7_10 = {
  counts: [2, 3, 8, 1, 1, 4, 1, 4, 5, 1, 8, 2, 4, 3, 4, 1, 8, 3, 7, 4],
  sizes: [50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50],
};
/** Montgomery Example 7.5 (defects in rolls of cloth; meters per roll), qicharts2 tbl_07.11. */
export const CLOTH_ROLLS = { counts: [14, 12, 20, 11, 7, 10, 21, 16, 19, 23], meters: [500, 400, 650, 500, 475, 500, 600, 525, 600, 625] };
/** Montgomery Example 7.6 (hours between failures of a valve), qicharts2 tbl_07.14. */
export const VALVE_FAILURE_HOURS = [286, 948, 536, 124, 816, 729, 4, 143, 431, 8, 2837, 596, 81, 227, 603, 492, 1199, 1214, 2831, 96];
/** qicharts2 data/nhs_accidents: patients seen within 4 hours (r) of all emergency attendances (n), 20 weeks. */
export const NHS_ACCIDENTS = {
  seen: [
    266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320, 267923, 271478, 255353, 256820, 261835, 259144, 255910, 260863, 264465,
    260989,
  ],
  attendances: [
    280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529, 279618, 283932, 266629, 268091, 276803, 271578, 266005, 273520, 278574,
    273772,
  ],
};
/** qicharts2 data/hospital_infections summed by month over hospitals and infections (what qic(month, n, days) aggregates). */
export const HOSPITAL_INFECTIONS = {
  infections: [575, 521, 585, 528, 507, 519, 457, 505, 494, 512, 543, 506, 509, 521, 549, 531, 509, 528, 419, 512, 495, 513, 454, 490],
  days: [
    310466.8333332932, 282346.7916667171, 309089.7083333032, 287977.3333331682, 297743.3750000285, 286988.25000001, 261120.3333333698, 268720.7500000453,
    284437.875000129, 290449.4999999395, 288104.4583333086, 279961.374999952, 289803.9583333509, 275950.5833333193, 290824.4583333324, 285495.750000041,
    282515.2083332975, 273927.8750000195, 253085.624999983, 262410.7083333832, 275529.2500000122, 282405.0833333654, 259530.7916666563, 256235.45833330762,
  ],
};
/** qicharts2 vignette "T and G charts for rare events": surgeries between deaths (dd) and days between deaths (dt) in data/cabg, first (NA) dropped. */
export const CABG_SURGERIES_BETWEEN_DEATHS = [
  23, 39, 15, 34, 1, 49, 98, 29, 27, 13, 45, 7, 10, 27, 24, 14, 20, 38, 44, 11, 10, 3, 113, 183, 3, 47, 18, 18, 33, 15, 2, 38, 27, 27, 1, 52, 23, 7, 26, 82, 5,
  49, 5, 17, 24, 44, 26, 2, 27, 46, 55, 97, 22, 22, 20, 4, 60, 51, 7, 21, 66, 36, 25, 72, 15, 5, 3,
];
export const CABG_DAYS_BETWEEN_DEATHS = [
  16, 20, 5, 13, 1, 26, 46, 12, 12, 5, 19, 4, 3, 15, 14, 9, 8, 15, 21, 6, 3, 1, 56, 117, 1, 33, 9, 9, 19, 12, 1, 16, 13, 18, 1, 35, 16, 5, 21, 38, 3, 25, 3, 11,
  13, 20, 9, 3, 8, 21, 24, 38, 8, 13, 9, 1, 30, 23, 3, 7, 22, 19, 11, 31, 6, 1, 1,
];
/** qicharts2 vignette cabg_by_month: readmissions within 30 days and operations per month. */
export const CABG_READMISSIONS = {
  readmissions: [14, 12, 15, 8, 16, 11, 12, 14, 16, 17, 5, 11, 13, 10, 14, 5, 12, 10, 11, 5, 10, 8, 11, 12, 11, 18, 18, 21, 14, 15, 18, 22, 17, 16, 20, 15],
  operations: [52, 64, 70, 60, 67, 69, 67, 54, 79, 59, 49, 61, 41, 51, 56, 43, 57, 48, 69, 41, 40, 46, 59, 62, 57, 65, 75, 70, 76, 69, 64, 67, 84, 67, 69, 78],
};
