// Server rendering for the kit's tests: a router (for links) around the element, and a form
// whose conform fields come from a real useForm with a failed submission's result.
import type { SubmissionResult } from "@conform-to/react";
import { createElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createStaticRouter, StaticRouterProvider, type StaticHandlerContext } from "react-router-dom/server";
import { z } from "zod";
import { type AnyField } from "~/components/nhs";
import { useNhsForm } from "~/components/nhs/use-nhs-form";

/** A data router (the kit's forms read the action's answer) with one route at "/" showing `element`. */
export function html(element: ReactElement) {
  const route = { id: "root", path: "/", element };
  const context: StaticHandlerContext = {
    basename: "/",
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: [{ params: {}, pathname: "/", pathnameBase: "/", route }],
    loaderData: {},
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
    activeDeferreds: null,
  };
  const router = createStaticRouter([route], context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}

export const schema = z.object({
  rag: z.enum(["red", "amber", "green"]),
  measures: z.array(z.string()).optional(),
  agree: z.string().optional(),
  startDate: z.object({ day: z.string(), month: z.string(), year: z.string() }),
  title: z.string(),
});

/** Renders `render(fields)` inside a conform form called "t", after a submission that failed with `error`. */
export function withForm(
  render: (fields: Record<string, AnyField>, form: ReturnType<typeof useNhsForm>[0]) => ReactNode,
  options: {
    error?: Record<string, string[]>;
    initialValue?: Record<string, unknown>;
    defaultValue?: Record<string, unknown>;
  } = {},
) {
  const lastResult: SubmissionResult<string[]> | undefined = options.error
    ? { status: "error", initialValue: (options.initialValue ?? {}) as Record<string, string>, error: options.error }
    : undefined;
  function Form() {
    const [form, fields] = useNhsForm(schema, lastResult, "t", options.defaultValue);
    return createElement("div", null, render(fields as unknown as Record<string, AnyField>, form));
  }
  return html(createElement(Form));
}
