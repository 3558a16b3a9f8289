import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AssuranceIcon, VariationIcon } from "~/components/spc";
import { ASSURANCE_ICONS, VARIATION_ICONS } from "~/domain/enums";

const variation = (props: Parameters<typeof VariationIcon>[0]) => renderToStaticMarkup(createElement(VariationIcon, props));
const assurance = (props: Parameters<typeof AssuranceIcon>[0]) => renderToStaticMarkup(createElement(AssuranceIcon, props));

describe("VariationIcon", () => {
  it.each([
    ["common_cause", "Common cause variation", "common", null],
    ["special_cause_improvement_high", "Special cause improvement (high)", "improvement", "H"],
    ["special_cause_improvement_low", "Special cause improvement (low)", "improvement", "L"],
    ["special_cause_concern_high", "Special cause concern (high)", "concern", "H"],
    ["special_cause_concern_low", "Special cause concern (low)", "concern", "L"],
    ["special_cause_neutral_high", "Special cause neutral variation (high)", "neutral", "H"],
    ["special_cause_neutral_low", "Special cause neutral variation (low)", "neutral", "L"],
  ] as const)("%s: named %s, coloured %s, lettered %s", (icon, label, tone, letter) => {
    const html = variation({ icon });
    expect(html).toContain(`role="img" aria-label="${label}"`);
    expect(html).toContain(`<title>${label}</title>`);
    expect(html).toContain(`class="app-spc-icon app-spc-icon--${tone}"`);
    const letters = [...html.matchAll(/class="app-spc-icon__letter"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(letters).toEqual(letter ? [letter] : []);
    expect(html.match(/app-spc-icon__dot--signal/g)?.length ?? 0).toBe(letter ? 3 : 0);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it("covers every icon the engine can give", () => {
    for (const icon of VARIATION_ICONS) expect(variation({ icon })).toContain('role="img"');
  });

  it("takes a size and can show its label as text", () => {
    const html = variation({ icon: "special_cause_concern_low", size: 80, showLabel: true });
    expect(html).toContain('width="80" height="80"');
    expect(html).toContain('<span class="app-spc-icon__label" aria-hidden="true">Special cause concern (low)</span>');
    expect(variation({ icon: "common_cause" })).not.toContain("app-spc-icon__label");
  });

  it("renders nothing for no icon", () => {
    expect(variation({ icon: null })).toBe("");
  });
});

describe("AssuranceIcon", () => {
  it.each([
    ["consistent_pass", "Consistently passing the target", "pass", "P"],
    ["consistent_fail", "Consistently failing the target", "fail", "F"],
    ["inconsistent", "Hit and miss: the target may or may not be met", "hit-and-miss", "?"],
  ] as const)("%s: named %s, coloured %s, lettered %s", (icon, label, tone, letter) => {
    const html = assurance({ icon });
    expect(html).toContain(`role="img" aria-label="${label}"`);
    expect(html).toContain(`class="app-spc-icon app-spc-icon--${tone}"`);
    expect(/class="app-spc-icon__letter[^"]*"[^>]*>([^<]*)</.exec(html)?.[1]).toBe(letter);
  });

  it("covers every icon the engine can give", () => {
    for (const icon of ASSURANCE_ICONS) expect(assurance({ icon })).toContain('role="img"');
  });

  it("says there is no assurance when there is no target, or shows nothing if asked", () => {
    expect(assurance({ icon: null })).toBe('<span class="app-spc-icon app-spc-icon--none app-muted">No assurance: no target</span>');
    expect(assurance({ icon: null, noneText: "No assurance: neutral measure" })).toContain("No assurance: neutral measure");
    expect(assurance({ icon: null, noneText: null })).toBe("");
  });
});
