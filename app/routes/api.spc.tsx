// POST /api/spc: the SPC engine as a JSON service. Signed out on purpose and
// stateless: it stores nothing and reads nothing but the request.
import type { ActionFunctionArgs } from "@remix-run/node";
import { analyseSeries, describeResult } from "~/domain/spc";
import { readBodyText } from "~/web/spc-body.server";
import { MAX_BODY_BYTES, parseSpcRequest } from "~/forms/spc-request";

// The server sends Cache-Control: no-store on every response (server/app.js).

function problem(status: number, error: string, field: string, headers: Record<string, string> = {}) {
  // After refusing a body that was too large, the connection may still hold
  // unread bytes: close it rather than let the client reuse it.
  const close: Record<string, string> = status === 413 ? { Connection: "close" } : {};
  return Response.json({ error, field }, { status, headers: { ...close, ...headers } });
}

function isJson(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export async function loader() {
  return problem(405, "Use POST with a JSON body", "method", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "Use POST with a JSON body", "method", { Allow: "POST" });
  if (!isJson(request.headers.get("Content-Type"))) {
    return problem(415, "Send the request as JSON, with Content-Type: application/json", "content_type");
  }
  const body = await readBodyText(request, MAX_BODY_BYTES);
  if (!body.ok) return problem(body.status, body.error, "body");

  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return problem(400, "The request body is not valid JSON", "body");
  }
  const parsed = parseSpcRequest(json);
  if (!parsed.ok) return problem(parsed.status, parsed.error, parsed.field);

  const result = analyseSeries(parsed.input);
  return Response.json({ ...result, description: describeResult(result) });
}
