import { getDb } from "~/db.server";

// Signed out on purpose: load balancers and monitors call it.
export async function loader() {
  try {
    const row = getDb().$client.prepare("select 1 as ok").get() as { ok: number } | undefined;
    if (row?.ok !== 1) throw new Error("unexpected answer");
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database unreachable", error);
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
