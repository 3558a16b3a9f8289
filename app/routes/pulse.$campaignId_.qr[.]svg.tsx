// The campaign's answer link as a QR code (SVG) to print for staff rooms.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { notFound, parseId, requireUser } from "~/auth/guards.server";
import { getProgramme } from "~/models/programme.server";
import { getCampaign } from "~/models/pulse.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireUser(request, context);
  const db = getDb();
  const campaign = getCampaign(db, getProgramme(db).id, parseId(params.campaignId, "Pulse Check")) ?? notFound("Pulse Check");
  const origin = (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, "");
  // Loaded on first use: only this poster needs the QR code library in this process.
  const { default: QRCode } = await import("qrcode");
  const svg = await QRCode.toString(`${origin}/pulse/answer/${campaign.token}`, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "private, no-store" } });
}
