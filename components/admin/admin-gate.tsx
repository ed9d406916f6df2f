"use client";

import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { meOptions } from "@/lib/queries/me";
import type { Me } from "@/lib/schemas/access";
import { LockIcon } from "@/components/ui/icons";
import { DetailSkeleton } from "@/components/layout/page-heading";
import { ApiErrorAlert } from "@/components/errors/api-error-alert";

/**
 * The admin pages' gate: a skeleton while the user is read, their error, a clear "admins only" for everyone else
 * (the server refuses the API anyway), and the page for admins.
 */
export function AdminGate({
  text,
  testId,
  children,
}: {
  /** Already translated: the skeleton's label and the refusal's title and body. */
  text: { loading: string; title: string; body: string };
  testId: string;
  children: (me: Me) => ReactNode;
}) {
  const me = useQuery(meOptions());
  if (me.isError && !me.data) return <ApiErrorAlert error={me.error} />;
  if (!me.data) return <DetailSkeleton label={text.loading} panels={2} />;
  if (!me.data.user.isAdmin) {
    return (
      <div data-testid={testId} role="alert" className="flex max-w-2xl gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-4 text-sm text-amber-950">
        <LockIcon className="mt-0.5 shrink-0 text-amber-600" />
        <div>
          <p className="font-semibold">{text.title}</p>
          <p className="mt-1">{text.body}</p>
        </div>
      </div>
    );
  }
  return children(me.data);
}
