"use client";

import { useQuery } from "@tanstack/react-query";
import { meOptions } from "@/lib/queries/me";
import { NavLink } from "@/components/layout/nav-link";

/** "Admin" in the header, for admins only (the admin page and API refuse everyone else anyway). */
export function AdminNavLink({ label }: { label: string }) {
  const isAdmin = useQuery(meOptions()).data?.user.isAdmin ?? false;
  if (!isAdmin) return null;
  return (
    <NavLink href="/admin" match={["/admin"]} testId="nav-admin">
      {label}
    </NavLink>
  );
}
