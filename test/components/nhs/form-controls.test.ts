import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { Checkboxes, DateInput, ErrorSummary, isoFromDateParts, datePartsFromIso, Radios, TextField } from "~/components/nhs";
import { html, withForm } from "./render";

const RAGS = [
  { value: "red", label: "Red", hint: "Off track" },
  { value: "amber", label: "Amber" },
  { value: "green", label: "Green" },
];

describe("Radios", () => {
  it("is a fieldset with a legend; the hint and error are linked to it and the first radio takes the field's id", () => {
    const out = withForm((f) => createElement(Radios, { field: f.rag, legend: "RAG rating", hint: "How it is going", items: RAGS }), {
      error: { rag: ["Choose a RAG rating"] },
    });
    expect(out).toContain('<div class="nhsuk-form-group nhsuk-form-group--error"><fieldset class="nhsuk-fieldset" aria-describedby="t-rag-hint t-rag-error">');
    expect(out).toContain('<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">RAG rating</legend>');
    expect(out).toContain('<div class="nhsuk-hint" id="t-rag-hint">How it is going</div>');
    expect(out).toContain('<span class="nhsuk-error-message" id="t-rag-error"><span class="nhsuk-u-visually-hidden">Error: </span>Choose a RAG rating</span>');
    expect(out).toContain('<div class="nhsuk-radios">');
    expect(out).toMatch(/<input class="nhsuk-radios__input" id="t-rag" name="rag" form="t" type="radio" aria-describedby="t-rag-item-hint" value="red"\/>/);
    expect(out).toContain('<label class="nhsuk-label nhsuk-radios__label" for="t-rag">Red</label>');
    expect(out).toContain('<div class="nhsuk-hint nhsuk-radios__hint" id="t-rag-item-hint">Off track</div>');
    expect(out).toContain('id="t-rag-2" name="rag" form="t" type="radio" value="amber"');
    expect(out).toContain('id="t-rag-3" name="rag" form="t" type="radio" value="green"');
  });

  it("checks the value the form starts with, and draws inline radios, dividers and conditional content", () => {
    const out = withForm(
      (f) =>
        createElement(Radios, {
          field: f.rag,
          legend: "RAG",
          inline: true,
          items: [RAGS[0], { divider: "or" }, { ...RAGS[2], conditional: createElement("p", null, "Say why") }],
        }),
      { defaultValue: { rag: "green" } },
    );
    expect(out).toContain('<div class="nhsuk-form-group"><fieldset class="nhsuk-fieldset">');
    expect(out).toContain('<div class="nhsuk-radios nhsuk-radios--inline">');
    expect(out).toContain('<div class="nhsuk-radios__divider">or</div>');
    expect(out).toMatch(/type="radio" checked="" value="green"/);
    expect(out).not.toMatch(/checked="" value="red"/);
    expect(out).toContain('<div class="nhsuk-radios__conditional"><p>Say why</p></div>');
    expect(out).not.toContain("aria-invalid");
  });
});

describe("Checkboxes", () => {
  it("ticks every starting value and links the error to the fieldset", () => {
    const out = withForm(
      (f) =>
        createElement(Checkboxes, {
          field: f.measures,
          legend: "Measures",
          small: true,
          items: [
            { value: "1", label: "Falls" },
            { value: "2", label: "Sepsis" },
            { value: "3", label: "Waits" },
          ],
        }),
      { error: { measures: ["Choose a measure"] }, initialValue: { measures: ["1", "3"] } },
    );
    expect(out).toContain('<fieldset class="nhsuk-fieldset" aria-describedby="t-measures-error">');
    expect(out).toContain('<div class="nhsuk-checkboxes nhsuk-checkboxes--small">');
    expect(out).toMatch(/<input class="nhsuk-checkboxes__input" id="t-measures" name="measures" form="t" type="checkbox" checked="" value="1"\/>/);
    expect(out).toMatch(/id="t-measures-2" name="measures" form="t" type="checkbox" value="2"\/>/);
    expect(out).toMatch(/id="t-measures-3" name="measures" form="t" type="checkbox" checked="" value="3"\/>/);
  });

  it("without a legend (one 'I confirm' box) has no fieldset, and the box itself is described by the hint and error", () => {
    const out = withForm(
      (f) =>
        createElement(Checkboxes, {
          field: f.agree,
          hint: "Read it first",
          items: [{ value: "on", label: "I agree" }],
        }),
      {
        error: { agree: ["Tick to agree"] },
      },
    );
    expect(out).not.toContain("<fieldset");
    expect(out).toMatch(
      /<input class="nhsuk-checkboxes__input" id="t-agree" name="agree" form="t" type="checkbox" aria-describedby="t-agree-hint t-agree-error" value="on"\/>/,
    );
  });

  it("works for a plain control outside a conform form, by name", () => {
    const out = html(createElement(Checkboxes, { name: "confirm", items: [{ value: "yes", label: "I have checked" }] }));
    expect(out).toBe(
      '<div class="nhsuk-form-group"><div class="nhsuk-checkboxes"><div class="nhsuk-checkboxes__item"><input class="nhsuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes"/><label class="nhsuk-label nhsuk-checkboxes__label" for="confirm">I have checked</label></div></div></div>',
    );
  });
});

describe("DateInput", () => {
  it("is three numeric boxes named <field>.day, .month and .year in one fieldset with role group, with nhsuk-frontend's ids", () => {
    const out = withForm((f) => createElement(DateInput, { field: f.startDate, legend: "Start date", hint: "On or after the plan." }), {
      defaultValue: { startDate: "2026-03-05" },
    });
    expect(out).toContain('<fieldset class="nhsuk-fieldset" role="group" aria-describedby="t-startDate-hint">');
    expect(out).toContain('<div class="nhsuk-hint" id="t-startDate-hint">On or after the plan. For example, 15 3 2027</div>');
    expect(out).toContain('<div class="nhsuk-date-input" id="t-startDate">');
    const inputs = [...out.matchAll(/<input ([^>]*)\/>/g)].map((m) => m[1]);
    expect(inputs).toHaveLength(3);
    for (const input of inputs) {
      expect(input).toContain('type="text"');
      expect(input).toContain('inputMode="numeric"');
    }
    expect(inputs[0]).toMatch(/class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input" id="t-startDate-day" name="startDate.day" form="t".*value="5"/);
    expect(inputs[1]).toMatch(/class="nhsuk-input nhsuk-input--width-2 nhsuk-date-input__input" id="t-startDate-month" name="startDate.month".*value="3"/);
    expect(inputs[2]).toMatch(/class="nhsuk-input nhsuk-input--width-4 nhsuk-date-input__input" id="t-startDate-year" name="startDate.year".*value="2026"/);
    expect(out).toContain('<label class="nhsuk-label nhsuk-date-input__label" for="t-startDate-day">Day</label>');
    expect(out).not.toContain("nhsuk-input--error");
  });

  it("shows the error above the boxes and marks the boxes at fault: all for the date as a whole, else the ones the typing got wrong", () => {
    const whole = withForm((f) => createElement(DateInput, { field: f.startDate, legend: "Start date" }), {
      error: { startDate: ["Start date must be today or in the past"] },
      initialValue: { startDate: { day: "1", month: "4", year: "2030" } },
    });
    expect(whole).toContain('aria-describedby="t-startDate-hint t-startDate-error"');
    expect(whole).toMatch(/Error: <\/span>Start date must be today or in the past<\/span><div class="nhsuk-date-input"/);
    expect(whole.match(/nhsuk-input--error/g)).toHaveLength(3);
    expect(whole).toMatch(/name="startDate.day"[^>]*value="1"/);

    const year = withForm((f) => createElement(DateInput, { field: f.startDate, legend: "Start date" }), {
      error: { startDate: ["Start date must include a year"] },
      initialValue: { startDate: { day: "1", month: "4", year: "" } },
    });
    expect(year.match(/nhsuk-input--error/g)).toHaveLength(1);
    expect(year).toMatch(/nhsuk-input--error[^>]*id="t-startDate-year"[^>]*aria-invalid="true"/);

    const day = withForm((f) => createElement(DateInput, { field: f.startDate, legend: "Start date" }), {
      error: { startDate: ["Start date must be a real date"] },
      initialValue: { startDate: { day: "31", month: "2", year: "2027" } },
    });
    expect(day.match(/nhsuk-input--error/g)).toHaveLength(1);
    expect(day).toMatch(/nhsuk-input--error[^>]*id="t-startDate-day"/);

    const part = withForm((f) => createElement(DateInput, { field: f.startDate, legend: "Start date" }), {
      error: { "startDate.month": ["Month must be 1 to 12"] },
    });
    expect(part.match(/nhsuk-input--error/g)).toHaveLength(1);
    expect(part).toMatch(/nhsuk-input--error[^>]*id="t-startDate-month"/);
  });

  it("turns the boxes into an ISO day only when they name a real day", () => {
    expect(isoFromDateParts({ day: "5", month: "3", year: "2026" })).toBe("2026-03-05");
    expect(isoFromDateParts({ day: "29", month: "2", year: "2028" })).toBe("2028-02-29");
    expect(isoFromDateParts({ day: "29", month: "2", year: "2026" })).toBeNull();
    expect(isoFromDateParts({ day: "31", month: "4", year: "2026" })).toBeNull();
    expect(isoFromDateParts({ day: "1", month: "1", year: "26" })).toBeNull();
    expect(isoFromDateParts({ day: "", month: "1", year: "2026" })).toBeNull();
    expect(datePartsFromIso("2026-12-01")).toEqual({ day: "1", month: "12", year: "2026" });
    expect(datePartsFromIso("not a date")).toEqual({ day: "", month: "", year: "" });
  });
});

describe("TextField", () => {
  it("sets aria-invalid and describes the input by its hint, then its error", () => {
    const out = withForm((f) => createElement(TextField, { field: f.title, label: "Title", hint: "A short name" }), {
      error: { title: ["Enter a title"] },
    });
    expect(out).toMatch(
      /<input [^>]*id="t-title"[^>]*aria-invalid="true" aria-describedby="t-title-hint t-title-error" class="nhsuk-input nhsuk-input--error"\/>/,
    );
    expect(out).toContain('<span class="nhsuk-error-message" id="t-title-error">');
  });
});

describe("ErrorSummary", () => {
  it("lists form errors, then links each invalid field to its control (a date to its first box at fault)", () => {
    const out = withForm((f, form) => createElement(ErrorSummary, { form, fields: { title: f.title, rag: f.rag, startDate: f.startDate } }), {
      error: {
        "": ["Someone else saved first"],
        title: ["Enter a title"],
        startDate: ["Start date must include a month and year"],
      },
      initialValue: { startDate: { day: "1", month: "", year: "" } },
    });
    expect(out).toContain(
      '<div class="nhsuk-error-summary" tabindex="-1"><div role="alert"><h2 class="nhsuk-error-summary__heading">There is a problem</h2><div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list">',
    );
    const items = [...out.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]);
    expect(items).toEqual([
      "Someone else saved first",
      '<a href="#t-title">Enter a title</a>',
      '<a href="#t-startDate-month">Start date must include a month and year</a>',
    ]);
  });

  it("renders nothing when there is no problem", () => {
    expect(withForm((f, form) => createElement(ErrorSummary, { form, fields: { title: f.title } }))).toBe("<div></div>");
  });
});
