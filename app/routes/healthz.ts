import { checkHealth } from "~/modules/system/index.server";

export async function loader() {
  const health = await checkHealth();
  if (health.status === "ok") return Response.json(health, { headers: { "Cache-Control": "no-store" } });
  return Response.json({ status: "unavailable", db: health.db }, { status: 503, headers: { "Cache-Control": "no-store" } });
}
