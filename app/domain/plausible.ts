// The range every typed date and number must fall in. Outside it a value is a typing
// slip or an attack, never a measurement: 0050-06-01 or 1e308 only break charts and sums.
// Pure: used by the form schemas, the paste and import parsers and the SPC API alike.

/** Earliest and latest calendar day any field accepts (ISO, so they compare as strings). */
export const EARLIEST_DAY = "1990-01-01";
export const LATEST_DAY = "2100-12-31";
/** The range in words, for messages. */
export const DAY_RANGE_TEXT = "between 1 January 1990 and 31 December 2100";

/** Largest magnitude a number may have: beyond it a value is a typing slip, not a measurement. */
export const MAX_MAGNITUDE = 1e12;
export const NUMBER_RANGE_TEXT = "between −1,000,000,000,000 and 1,000,000,000,000";

/** A YYYY-MM-DD day inside the range (the caller has checked it is a real date). */
export const isDayInRange = (iso: string) => iso >= EARLIEST_DAY && iso <= LATEST_DAY;

/** A finite number no further from 0 than MAX_MAGNITUDE. */
export const isNumberInRange = (x: number) => Number.isFinite(x) && Math.abs(x) <= MAX_MAGNITUDE;
