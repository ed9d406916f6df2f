// GET /api/ready – readiness for load balancers and Kubernetes (no session needed): 200 once the database is
// reachable and migrated to this build's latest; 503 with the reason otherwise, and while the process drains.
import { NextResponse } from "next/server";
import { readiness } from "@/lib/server/readiness";
import { otherMethods } from "@/lib/server/methods";

export const dynamic = "force-dynamic";

export async function GET() {
  const r = await readiness();
  return NextResponse.json(r, { status: r.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
