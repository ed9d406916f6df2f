// GET /api/health – liveness and which upstream the console talks to (no session needed)
import { NextResponse } from "next/server";
import { env } from "@/lib/server/env";
import { otherMethods } from "@/lib/server/methods";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok", mode: env().mode }, { headers: { "cache-control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
