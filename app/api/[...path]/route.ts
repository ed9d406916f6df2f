// Any other /api path – a JSON 404, so path tricks get the same error shape as everything else
import { NextResponse } from "next/server";

function notFound() {
  return NextResponse.json(
    { error: { code: "not_found", message: "There is no such console API route." } },
    { status: 404, headers: { "cache-control": "no-store" } },
  );
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
