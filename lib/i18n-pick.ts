/**
 * The messages a tree of client components needs, by namespace (i18n/client-namespaces.json, generated from the
 * sources by scripts/client-namespaces.mjs and checked in npm test): the root provider sends the shell's, each
 * page its own on top — not every message on every page.
 */
import namespaces from "@/i18n/client-namespaces.json";

export type PageFile = keyof typeof namespaces.pages;

export function pickMessages<M extends Record<string, unknown>>(all: M, page: PageFile | null): Partial<M> {
  const wanted = page ? [...namespaces.shell, ...namespaces.pages[page]] : namespaces.shell;
  const out: Partial<M> = {};
  for (const ns of wanted) if (ns in all) out[ns as keyof M] = all[ns as keyof M];
  return out;
}
