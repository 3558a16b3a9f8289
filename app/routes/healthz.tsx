import cluster from "node:cluster";
import { getDb } from "~/db.server";

// Signed out on purpose: load balancers and monitors call it. Under several worker processes (ADR 120) it says
// which one answered (its number in the server, 1, 2, …; not its process id).
export async function loader() {
  const worker = cluster.isWorker ? { worker: cluster.worker!.id } : {};
  try {
    const row = getDb().$client.prepare("select 1 as ok").get() as { ok: number } | undefined;
    if (row?.ok !== 1) throw new Error("unexpected answer");
    return Response.json({ status: "ok", database: "ok", ...worker }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database unreachable", error);
    return Response.json({ status: "unavailable", database: "unreachable", ...worker }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
