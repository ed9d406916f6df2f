// GET /api/admin/channels/[id]/deliveries – the channel's delivery log: attempts, status, the receiver's answer, next retry
import { consoleApi } from "@/lib/schemas/api";
import { db } from "@/lib/server/db";
import { otherMethods } from "@/lib/server/methods";
import { listDeliveries } from "@/lib/server/notify/admin";
import { route } from "@/lib/server/route";

export const GET = route(consoleApi["GET /api/admin/channels/:id/deliveries"], ({ params }) => listDeliveries(db(), params.id));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
