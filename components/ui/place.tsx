import { Fragment, type ReactNode } from "react";

/** Placeholder values for translated sentences that hold elements: pass these as the ICU arguments. */
export const SLOT = { a: "\u0001", b: "\u0002" } as const;

/** Puts elements where a translated sentence has its slots (word order differs between languages). */
export function place(text: string, parts: Record<string, ReactNode>): ReactNode[] {
  return text.split(/([\u0001\u0002])/).map((piece, i) => <Fragment key={i}>{parts[piece] ?? piece}</Fragment>);
}
